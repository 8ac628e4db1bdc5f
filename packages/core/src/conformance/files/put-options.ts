// ifNotExists, expectedSha256, maxSize, content type and user metadata.
import assert from 'node:assert/strict';
import { patternBytes, rejectsWithCode } from '../assert.js';
import type { FileStoreCase } from '../types.js';
import { assertAbsent, assertStored, chunkedStream, nsKey, sha256Hex } from './helpers.js';

/** The options of put. */
export const putOptionCases: FileStoreCase[] = [
  {
    name: 'ifNotExists: stores a new key',
    async run(ctx) {
      const key = nsKey(ctx, 'fresh.bin');
      await ctx.store.put(key, Buffer.from('new'), { ifNotExists: true });
      await assertStored(ctx, key, Buffer.from('new'));
    },
  },
  {
    name: 'ifNotExists: an existing key rejects with ALREADY_EXISTS and keeps the old object',
    async run(ctx) {
      const key = nsKey(ctx, 'taken.bin');
      await ctx.store.put(key, Buffer.from('old'));
      await rejectsWithCode(
        ctx.store.put(key, chunkedStream(patternBytes(70_000, 41)), { ifNotExists: true }),
        'ALREADY_EXISTS',
      );
      await assertStored(ctx, key, Buffer.from('old'));
    },
  },
  {
    name: 'ifNotExists: of 6 concurrent puts of one new key exactly one wins',
    async run(ctx) {
      const key = nsKey(ctx, 'race.bin');
      const bodies = [1, 2, 3, 4, 5, 6].map((i) => patternBytes(100_000 + i, 40 + i));
      const results = await Promise.allSettled(
        bodies.map((b) => ctx.store.put(key, chunkedStream(b, 8192), { ifNotExists: true })),
      );
      const won = results.filter((r) => r.status === 'fulfilled');
      assert.equal(won.length, 1, `${won.length} puts with ifNotExists succeeded on one key`);
      for (const r of results) {
        if (r.status === 'rejected') assert.equal((r.reason as { code?: string }).code, 'ALREADY_EXISTS');
      }
      const winner = bodies[results.findIndex((r) => r.status === 'fulfilled')] as Buffer;
      await assertStored(ctx, key, winner);
    },
  },
  {
    name: 'expectedSha256: a matching hash (any case) stores the object',
    async run(ctx) {
      const key = nsKey(ctx, 'sum-ok.bin');
      const bytes = patternBytes(9000, 42);
      await ctx.store.put(key, chunkedStream(bytes, 1000), {
        expectedSha256: sha256Hex(bytes).toUpperCase(),
      });
      await assertStored(ctx, key, bytes);
    },
  },
  {
    name: 'expectedSha256: a mismatch rejects with INTEGRITY and stores nothing',
    async run(ctx) {
      const key = nsKey(ctx, 'sum-bad.bin');
      const bytes = patternBytes(9000, 43);
      await rejectsWithCode(
        ctx.store.put(key, chunkedStream(bytes, 1000), { expectedSha256: sha256Hex(Buffer.from('other')) }),
        'INTEGRITY',
      );
      await assertAbsent(ctx, key);
    },
  },
  {
    name: 'expectedSha256: a mismatch over an existing object keeps the old object',
    async run(ctx) {
      const key = nsKey(ctx, 'sum-keep.bin');
      const old = patternBytes(3000, 44);
      await ctx.store.put(key, old);
      await rejectsWithCode(
        ctx.store.put(key, patternBytes(3000, 45), { expectedSha256: sha256Hex(old) }),
        'INTEGRITY',
      );
      await assertStored(ctx, key, old);
    },
  },
  {
    name: 'maxSize: a larger body rejects with VALIDATION, stores nothing and keeps an old object',
    async run(ctx) {
      const key = nsKey(ctx, 'big.bin');
      const fresh = nsKey(ctx, 'big-new.bin');
      const old = Buffer.from('small');
      await ctx.store.put(key, old);
      await rejectsWithCode(
        ctx.store.put(key, chunkedStream(patternBytes(200_000, 46), 10_000), { maxSize: 100_000 }),
        'VALIDATION',
      );
      await assertStored(ctx, key, old);
      await rejectsWithCode(
        ctx.store.put(fresh, chunkedStream(patternBytes(200_000, 47), 10_000), { maxSize: 100_000 }),
        'VALIDATION',
      );
      await assertAbsent(ctx, fresh);
    },
  },
  {
    name: 'maxSize: a body of exactly maxSize bytes is accepted',
    async run(ctx) {
      const key = nsKey(ctx, 'exact.bin');
      const bytes = patternBytes(4096, 48);
      await ctx.store.put(key, chunkedStream(bytes, 1000), { maxSize: 4096 });
      await assertStored(ctx, key, bytes);
    },
  },
  {
    name: 'put options: malformed options reject with VALIDATION and store nothing',
    async run(ctx) {
      const key = nsKey(ctx, 'badopts.bin');
      await rejectsWithCode(
        ctx.store.put(key, Buffer.from('x'), { expectedSha256: 'not-a-hash' }),
        'VALIDATION',
        'expectedSha256',
      );
      await rejectsWithCode(ctx.store.put(key, Buffer.from('x'), { maxSize: -1 }), 'VALIDATION', 'maxSize');
      await assertAbsent(ctx, key);
    },
  },
  {
    name: 'contentType: defaults to application/octet-stream',
    async run(ctx) {
      const key = nsKey(ctx, 'plain');
      const info = await ctx.store.put(key, Buffer.from('x'));
      assert.equal(info.contentType, 'application/octet-stream');
      assert.equal((await ctx.store.head(key))?.contentType, 'application/octet-stream');
    },
  },
  {
    name: 'contentType: a given content type round trips through head',
    async run(ctx) {
      const key = nsKey(ctx, 'clip.mp4');
      await ctx.store.put(key, Buffer.from('x'), { contentType: 'video/mp4' });
      assert.equal((await ctx.store.head(key))?.contentType, 'video/mp4');
    },
  },
  {
    name: 'metadata: user metadata round trips through put and head (unicode values too)',
    requires: ['userMetadata'],
    async run(ctx) {
      const key = nsKey(ctx, 'meta.bin');
      const metadata = { 'video-id': '0193a0b2-aaaa', owner: 'zoë', frames: '1200' };
      const put = await ctx.store.put(key, Buffer.from('x'), { metadata });
      assert.deepEqual(put.metadata, metadata);
      assert.deepEqual((await ctx.store.head(key))?.metadata, metadata);
      const plain = nsKey(ctx, 'nometa.bin');
      await ctx.store.put(plain, Buffer.from('x'));
      assert.deepEqual((await ctx.store.head(plain))?.metadata, {});
    },
  },
];
