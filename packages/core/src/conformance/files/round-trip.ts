// put → get round trips from every body shape, and what put returns.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { patternBytes } from '../assert.js';
import type { FileStoreCase } from '../types.js';
import { assertStored, nsKey, sha256Hex } from './helpers.js';

/** Round trips from Buffer, Uint8Array, Readable and async generator bodies. */
export const roundTripCases: FileStoreCase[] = [
  {
    name: 'round trip: Buffer body reads back byte for byte',
    async run(ctx) {
      const key = nsKey(ctx, 'buffer.bin');
      const bytes = patternBytes(10_000, 11);
      await ctx.store.put(key, bytes);
      await assertStored(ctx, key, bytes);
    },
  },
  {
    name: 'round trip: Uint8Array view (with a byte offset) stores just the viewed bytes',
    async run(ctx) {
      const key = nsKey(ctx, 'view.bin');
      const backing = patternBytes(5000, 12);
      const view = new Uint8Array(backing.buffer, backing.byteOffset + 1000, 3000);
      const expected = Buffer.from(backing.subarray(1000, 4000));
      await ctx.store.put(key, view);
      await assertStored(ctx, key, expected);
    },
  },
  {
    name: 'round trip: caller changing its buffer after put does not change the object',
    async run(ctx) {
      const key = nsKey(ctx, 'mutated.bin');
      const bytes = patternBytes(2048, 13);
      const expected = Buffer.from(bytes);
      await ctx.store.put(key, bytes);
      bytes.fill(0);
      await assertStored(ctx, key, expected);
    },
  },
  {
    name: 'round trip: Readable body reads back byte for byte',
    async run(ctx) {
      const key = nsKey(ctx, 'readable.bin');
      const bytes = patternBytes(300_000, 14);
      await ctx.store.put(
        key,
        Readable.from([bytes.subarray(0, 1), bytes.subarray(1, 200_001), bytes.subarray(200_001)]),
      );
      await assertStored(ctx, key, bytes);
    },
  },
  {
    name: 'round trip: async generator body reads back byte for byte',
    async run(ctx) {
      const key = nsKey(ctx, 'generator.bin');
      const bytes = patternBytes(100_000, 15);
      async function* gen() {
        for (let at = 0; at < bytes.length; at += 333) {
          await Promise.resolve();
          yield new Uint8Array(bytes.subarray(at, at + 333));
        }
      }
      await ctx.store.put(key, gen());
      await assertStored(ctx, key, bytes);
    },
  },
  {
    name: 'round trip: put returns the FileInfo that head returns',
    async run(ctx) {
      const key = nsKey(ctx, 'info.bin');
      const bytes = patternBytes(1234, 16);
      const before = Date.now();
      const put = await ctx.store.put(key, bytes);
      assert.equal(put.key, key);
      assert.equal(put.size, 1234);
      assert.equal(put.sha256, sha256Hex(bytes));
      assert.match(put.sha256, /^[0-9a-f]{64}$/);
      const head = await ctx.store.head(key);
      assert.ok(head);
      assert.equal(head.key, key);
      assert.equal(head.size, put.size);
      assert.equal(head.sha256, put.sha256);
      assert.equal(head.contentType, put.contentType);
      assert.deepEqual(head.metadata, put.metadata);
      const at = Date.parse(head.lastModified);
      assert.ok(Number.isFinite(at), `lastModified ${head.lastModified} is not an ISO time`);
      // Generous window: clocks of remote stores round to seconds and may drift a little.
      assert.ok(Math.abs(at - before) < 5 * 60_000, `lastModified ${head.lastModified} is far from now`);
    },
  },
];
