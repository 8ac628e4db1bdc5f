// head, exists, delete and overwrite.
import assert from 'node:assert/strict';
import { patternBytes } from '../assert.js';
import type { FileStoreCase } from '../types.js';
import { assertAbsent, assertStored, nsKey, sha256Hex } from './helpers.js';

/** Presence checks, removal and replacement. */
export const headDeleteCases: FileStoreCase[] = [
  {
    name: 'head/exists: a missing key gives null and false, and an empty store lists nothing',
    async run(ctx) {
      const key = nsKey(ctx, 'missing.bin');
      assert.equal(await ctx.store.head(key), null);
      assert.equal(await ctx.store.exists(key), false);
      const page = await ctx.store.list({ prefix: ctx.ns });
      assert.deepEqual(page.items, []);
      assert.equal(page.nextCursor, null);
    },
  },
  {
    name: 'head/exists: a stored key gives its info and true',
    async run(ctx) {
      const key = nsKey(ctx, 'here.bin');
      await ctx.store.put(key, Buffer.from('hello'));
      assert.equal(await ctx.store.exists(key), true);
      const info = await ctx.store.head(key);
      assert.equal(info?.size, 5);
      assert.equal(info?.sha256, sha256Hex(Buffer.from('hello')));
    },
  },
  {
    name: 'delete: removes the object everywhere and returns true',
    async run(ctx) {
      const key = nsKey(ctx, 'gone.bin');
      const other = nsKey(ctx, 'gone.bin.keep');
      await ctx.store.put(key, Buffer.from('bye'));
      await ctx.store.put(other, Buffer.from('stay'));
      assert.equal(await ctx.store.delete(key), true);
      await assertAbsent(ctx, key);
      await assertStored(ctx, other, Buffer.from('stay'), 'neighbour of a deleted key');
    },
  },
  {
    name: 'delete: a missing key returns false, and deleting twice returns true then false',
    async run(ctx) {
      const key = nsKey(ctx, 'twice.bin');
      assert.equal(await ctx.store.delete(nsKey(ctx, 'never.bin')), false);
      await ctx.store.put(key, Buffer.from('x'));
      assert.equal(await ctx.store.delete(key), true);
      assert.equal(await ctx.store.delete(key), false);
    },
  },
  {
    name: 'delete: a deleted key can be stored again',
    async run(ctx) {
      const key = nsKey(ctx, 'again/file.bin');
      await ctx.store.put(key, Buffer.from('first'));
      await ctx.store.delete(key);
      await ctx.store.put(key, Buffer.from('second'));
      await assertStored(ctx, key, Buffer.from('second'));
    },
  },
  {
    name: 'overwrite: a second put replaces bytes, size, sha256 and content type',
    async run(ctx) {
      const key = nsKey(ctx, 'over.bin');
      const first = patternBytes(5000, 31);
      const second = patternBytes(1200, 32);
      await ctx.store.put(key, first, { contentType: 'video/mp4' });
      const info = await ctx.store.put(key, second, { contentType: 'image/png' });
      assert.equal(info.size, 1200);
      await assertStored(ctx, key, second);
      assert.equal((await ctx.store.head(key))?.contentType, 'image/png');
      const listed = (await ctx.store.list({ prefix: key })).items.filter((e) => e.key === key);
      assert.equal(listed.length, 1, 'an overwritten key must be listed once');
      assert.equal(listed[0]?.size, 1200, 'list() shows the old size');
    },
  },
  {
    name: 'overwrite: user metadata of the old object is not kept',
    requires: ['userMetadata'],
    async run(ctx) {
      const key = nsKey(ctx, 'meta-over.bin');
      await ctx.store.put(key, Buffer.from('a'), { metadata: { owner: 'alice', stage: 'raw' } });
      await ctx.store.put(key, Buffer.from('b'), { metadata: { owner: 'bob' } });
      assert.deepEqual((await ctx.store.head(key))?.metadata, { owner: 'bob' });
    },
  },
];
