// get: NOT_FOUND thrown by get() itself, byte ranges, verify.
import assert from 'node:assert/strict';
import { patternBytes, readAll, rejectsWithCode } from '../assert.js';
import type { FileStoreCase } from '../types.js';
import { getBytes, nsKey } from './helpers.js';

const SIZE = 100_000;

/** Reads whole objects and ranges of them. */
export const getCases: FileStoreCase[] = [
  {
    name: 'get: a missing key rejects with NOT_FOUND from get() itself, not from the stream',
    async run(ctx) {
      await rejectsWithCode(ctx.store.get(nsKey(ctx, 'nothing.bin')), 'NOT_FOUND');
      await ctx.store.put(nsKey(ctx, 'dir/file.bin'), Buffer.from('x'));
      // A "folder" of other keys is not an object either.
      await rejectsWithCode(
        ctx.store.get(nsKey(ctx, 'dir')),
        'NOT_FOUND',
        'get() of a key that is only a folder',
      );
      assert.equal(await ctx.store.head(nsKey(ctx, 'dir')), null, 'head() of a key that is only a folder');
    },
  },
  {
    name: 'ranges: first byte, middle and last byte (inclusive ends)',
    requires: ['ranges'],
    async run(ctx) {
      const key = nsKey(ctx, 'r.bin');
      const bytes = patternBytes(SIZE, 51);
      await ctx.store.put(key, bytes);
      assert.deepEqual(
        await getBytes(ctx.store, key, { range: { start: 0, end: 0 } }),
        bytes.subarray(0, 1),
        'first byte',
      );
      assert.deepEqual(
        await getBytes(ctx.store, key, { range: { start: 12_345, end: 67_889 } }),
        bytes.subarray(12_345, 67_890),
        'middle range',
      );
      assert.deepEqual(
        await getBytes(ctx.store, key, { range: { start: SIZE - 1, end: SIZE - 1 } }),
        bytes.subarray(SIZE - 1),
        'last byte',
      );
    },
  },
  {
    name: 'ranges: an open end reads to the last byte, an end past it is clamped',
    requires: ['ranges'],
    async run(ctx) {
      const key = nsKey(ctx, 'open.bin');
      const bytes = patternBytes(SIZE, 52);
      await ctx.store.put(key, bytes);
      assert.deepEqual(
        await getBytes(ctx.store, key, { range: { start: 99_000 } }),
        bytes.subarray(99_000),
        'open end',
      );
      assert.deepEqual(await getBytes(ctx.store, key, { range: { start: 0 } }), bytes, 'open end from 0');
      assert.deepEqual(
        await getBytes(ctx.store, key, { range: { start: 99_990, end: SIZE + 5000 } }),
        bytes.subarray(99_990),
        'end past the last byte',
      );
    },
  },
  {
    name: 'ranges: start beyond the size, end before start or negative rejects with VALIDATION',
    requires: ['ranges'],
    async run(ctx) {
      const key = nsKey(ctx, 'bad-range.bin');
      await ctx.store.put(key, patternBytes(1000, 53));
      await rejectsWithCode(ctx.store.get(key, { range: { start: 1000 } }), 'VALIDATION', 'start = size');
      await rejectsWithCode(
        ctx.store.get(key, { range: { start: 5000, end: 6000 } }),
        'VALIDATION',
        'start > size',
      );
      await rejectsWithCode(
        ctx.store.get(key, { range: { start: 10, end: 5 } }),
        'VALIDATION',
        'end < start',
      );
      await rejectsWithCode(ctx.store.get(key, { range: { start: -1 } }), 'VALIDATION', 'negative start');
      const empty = nsKey(ctx, 'empty.bin');
      await ctx.store.put(empty, new Uint8Array(0));
      await rejectsWithCode(
        ctx.store.get(empty, { range: { start: 0 } }),
        'VALIDATION',
        'any range of a 0-byte object',
      );
    },
  },
  {
    name: 'ranges: a range of a missing key rejects with NOT_FOUND',
    requires: ['ranges'],
    async run(ctx) {
      await rejectsWithCode(
        ctx.store.get(nsKey(ctx, 'none.bin'), { range: { start: 0, end: 10 } }),
        'NOT_FOUND',
      );
    },
  },
  {
    name: 'verify: an intact object reads back whole without error',
    async run(ctx) {
      const key = nsKey(ctx, 'verified.bin');
      const bytes = patternBytes(2 * 1024 * 1024 + 1, 54);
      await ctx.store.put(key, bytes);
      const back = await readAll(await ctx.store.get(key, { verify: true }));
      assert.ok(back.equals(bytes), 'verify: true changed the bytes');
      const empty = nsKey(ctx, 'verified-empty.bin');
      await ctx.store.put(empty, new Uint8Array(0));
      assert.equal((await readAll(await ctx.store.get(empty, { verify: true }))).length, 0);
    },
  },
];
