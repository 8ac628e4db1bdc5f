// Bodies of 0 bytes, a few bytes and several MiB, as streams, checked against node:crypto.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { patternBytes } from '../assert.js';
import type { FileStoreCase } from '../types.js';
import { assertStored, chunkedStream, getBytes, nsKey, sha256Hex } from './helpers.js';

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** Sizes from empty to multi-MiB. */
export const sizeCases: FileStoreCase[] = [
  {
    name: 'sizes: 0-byte stream is stored with size 0 and the empty sha256',
    async run(ctx) {
      const key = nsKey(ctx, 'empty.bin');
      const info = await ctx.store.put(key, Readable.from([]));
      assert.equal(info.size, 0);
      assert.equal(info.sha256, EMPTY_SHA256);
      assert.equal(await ctx.store.exists(key), true, '0-byte object must exist');
      await assertStored(ctx, key, new Uint8Array(0));
    },
  },
  {
    name: 'sizes: 1-byte stream round trips',
    async run(ctx) {
      const key = nsKey(ctx, 'one.bin');
      const bytes = Buffer.from([0xa5]);
      const info = await ctx.store.put(key, Readable.from([bytes]));
      assert.equal(info.sha256, sha256Hex(bytes));
      await assertStored(ctx, key, bytes);
    },
  },
  {
    name: 'sizes: 8 MiB stream in odd chunks: size and sha256 match node:crypto, bytes read back whole',
    timeoutMs: 120_000,
    async run(ctx) {
      const key = nsKey(ctx, 'large.bin');
      const bytes = patternBytes(8 * 1024 * 1024 + 3, 21);
      const info = await ctx.store.put(key, chunkedStream(bytes, 65_537));
      assert.equal(info.size, bytes.length);
      assert.equal(info.sha256, sha256Hex(bytes));
      const head = await ctx.store.head(key);
      assert.equal(head?.size, bytes.length);
      assert.equal(head?.sha256, sha256Hex(bytes));
      const back = await getBytes(ctx.store, key);
      assert.equal(back.length, bytes.length);
      assert.equal(sha256Hex(back), sha256Hex(bytes), 'bytes read back hash differently');
    },
  },
  {
    name: 'sizes: get streams a multi-MiB object in several chunks, not one',
    timeoutMs: 60_000,
    async run(ctx) {
      const key = nsKey(ctx, 'chunks.bin');
      const bytes = patternBytes(4 * 1024 * 1024, 22);
      await ctx.store.put(key, chunkedStream(bytes));
      let chunks = 0;
      let total = 0;
      for await (const chunk of await ctx.store.get(key)) {
        chunks++;
        total += (chunk as Buffer).length;
      }
      assert.equal(total, bytes.length);
      assert.ok(chunks > 1, 'a 4 MiB object came back as a single chunk: get() must stream');
    },
  },
  {
    name: 'sizes: onProgress reports a rising running total that ends at the size',
    async run(ctx) {
      const key = nsKey(ctx, 'progress.bin');
      const bytes = patternBytes(500_000, 23);
      const seen: number[] = [];
      await ctx.store.put(key, chunkedStream(bytes, 50_000), { onProgress: (n) => seen.push(n) });
      assert.ok(seen.length > 0, 'onProgress was never called');
      for (let i = 1; i < seen.length; i++)
        assert.ok((seen[i] ?? 0) >= (seen[i - 1] ?? 0), 'progress went backwards');
      assert.equal(seen[seen.length - 1], bytes.length);
    },
  },
];
