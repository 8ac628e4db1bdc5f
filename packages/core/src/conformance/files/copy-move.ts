// copy and move, onto new and existing keys.
import assert from 'node:assert/strict';
import { patternBytes, rejectsWithCode } from '../assert.js';
import type { FileStoreCase } from '../types.js';
import { assertAbsent, assertStored, nsKey } from './helpers.js';

/** copy and move. */
export const copyMoveCases: FileStoreCase[] = [
  {
    name: 'copy: makes an independent copy with the same bytes, sha256 and content type',
    async run(ctx) {
      const from = nsKey(ctx, 'src/a.bin');
      const to = nsKey(ctx, 'dst/deep/b.bin');
      const bytes = patternBytes(70_000, 61);
      const src = await ctx.store.put(from, bytes, { contentType: 'video/mp4' });
      const info = await ctx.store.copy(from, to);
      assert.equal(info.key, to);
      assert.equal(info.sha256, src.sha256);
      assert.equal(info.size, src.size);
      assert.equal(info.contentType, 'video/mp4');
      await assertStored(ctx, to, bytes);
      await assertStored(ctx, from, bytes, 'source after copy');
      await ctx.store.delete(from);
      await assertStored(ctx, to, bytes, 'copy after deleting the source');
    },
  },
  {
    name: 'copy: user metadata is copied',
    requires: ['userMetadata'],
    async run(ctx) {
      const from = nsKey(ctx, 'm-src');
      const to = nsKey(ctx, 'm-dst');
      await ctx.store.put(from, Buffer.from('x'), { metadata: { owner: 'alice' } });
      await ctx.store.copy(from, to);
      assert.deepEqual((await ctx.store.head(to))?.metadata, { owner: 'alice' });
    },
  },
  {
    name: 'copy: onto an existing key replaces it; with ifNotExists rejects ALREADY_EXISTS and changes nothing',
    async run(ctx) {
      const from = nsKey(ctx, 'c1');
      const to = nsKey(ctx, 'c2');
      const a = patternBytes(5000, 62);
      const b = patternBytes(3000, 63);
      await ctx.store.put(from, a);
      await ctx.store.put(to, b);
      await rejectsWithCode(ctx.store.copy(from, to, { ifNotExists: true }), 'ALREADY_EXISTS');
      await assertStored(ctx, to, b, 'destination after refused copy');
      await ctx.store.copy(from, to);
      await assertStored(ctx, to, a, 'destination after copy');
      await assertStored(ctx, from, a, 'source after copy');
    },
  },
  {
    name: 'copy: a missing source rejects with NOT_FOUND and creates nothing',
    async run(ctx) {
      const to = nsKey(ctx, 'nowhere');
      await rejectsWithCode(ctx.store.copy(nsKey(ctx, 'ghost'), to), 'NOT_FOUND');
      await assertAbsent(ctx, to);
    },
  },
  {
    name: 'move: the object moves with its bytes and content type; the source is gone',
    async run(ctx) {
      const from = nsKey(ctx, 'incoming/v.mp4');
      const to = nsKey(ctx, 'videos/202612/v.mp4');
      const bytes = patternBytes(90_000, 64);
      const src = await ctx.store.put(from, bytes, { contentType: 'video/mp4' });
      const info = await ctx.store.move(from, to);
      assert.equal(info.key, to);
      assert.equal(info.sha256, src.sha256);
      assert.equal(info.contentType, 'video/mp4');
      await assertStored(ctx, to, bytes);
      await assertAbsent(ctx, from);
    },
  },
  {
    name: 'move: onto an existing key replaces it; with ifNotExists rejects ALREADY_EXISTS and keeps both',
    async run(ctx) {
      const from = nsKey(ctx, 'm1');
      const to = nsKey(ctx, 'm2');
      const a = patternBytes(4000, 65);
      const b = patternBytes(2000, 66);
      await ctx.store.put(from, a);
      await ctx.store.put(to, b);
      await rejectsWithCode(ctx.store.move(from, to, { ifNotExists: true }), 'ALREADY_EXISTS');
      await assertStored(ctx, from, a, 'source after refused move');
      await assertStored(ctx, to, b, 'destination after refused move');
      await ctx.store.move(from, to);
      await assertStored(ctx, to, a, 'destination after move');
      await assertAbsent(ctx, from);
    },
  },
  {
    name: 'move: a missing source rejects with NOT_FOUND and creates nothing',
    async run(ctx) {
      const to = nsKey(ctx, 'nowhere');
      await rejectsWithCode(ctx.store.move(nsKey(ctx, 'ghost'), to), 'NOT_FOUND');
      await assertAbsent(ctx, to);
    },
  },
];
