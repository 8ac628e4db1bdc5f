// Concurrent writers and readers of one key.
import assert from 'node:assert/strict';
import { patternBytes, readAll } from '../assert.js';
import type { FileStoreCase } from '../types.js';
import { assertStored, chunkedStream, getBytes, nsKey, sha256Hex } from './helpers.js';

/** Atomicity under concurrency. */
export const concurrencyCases: FileStoreCase[] = [
  {
    name: 'concurrency: 8 concurrent puts of one key leave exactly one body, whole, with a matching head',
    timeoutMs: 60_000,
    async run(ctx) {
      const key = nsKey(ctx, 'contended.bin');
      const bodies = Array.from({ length: 8 }, (_, i) => patternBytes(256 * 1024 + i * 1000, 70 + i));
      const results = await Promise.allSettled(
        bodies.map((b, i) => ctx.store.put(key, chunkedStream(b, 16_384 + i))),
      );
      for (const r of results)
        assert.equal(
          r.status,
          'fulfilled',
          `a put failed: ${r.status === 'rejected' ? String(r.reason) : ''}`,
        );
      const got = await getBytes(ctx.store, key);
      const winner = bodies.find((b) => b.equals(got));
      assert.ok(winner, `get() returned ${got.length} bytes that match none of the 8 bodies`);
      const head = await ctx.store.head(key);
      assert.equal(
        head?.sha256,
        sha256Hex(winner),
        'head().sha256 belongs to another body than get() returns',
      );
      assert.equal(head?.size, winner.length);
      await assertStored(ctx, key, winner);
      const listed = (await ctx.store.list({ prefix: `${ctx.ns}/` })).items.map((e) => e.key);
      assert.deepEqual(listed, [key], 'only the final key may be listed (no temp files)');
    },
  },
  {
    name: 'concurrency: readers during overwrites see the old or the new object whole, never a mix',
    timeoutMs: 60_000,
    async run(ctx) {
      const key = nsKey(ctx, 'hot.bin');
      const versions = [0, 1, 2, 3].map((i) => patternBytes(512 * 1024, 80 + i));
      const hashes = new Set(versions.map(sha256Hex));
      await ctx.store.put(key, versions[0] as Buffer);
      let writing = true;
      const writer = (async () => {
        try {
          for (const v of versions.slice(1)) await ctx.store.put(key, chunkedStream(v, 32 * 1024));
        } finally {
          writing = false;
        }
      })();
      let reads = 0;
      const readers = Array.from({ length: 3 }, async () => {
        do {
          const got = await readAll(await ctx.store.get(key));
          reads++;
          assert.ok(hashes.has(sha256Hex(got)), `a reader saw ${got.length} bytes that are no whole version`);
        } while (writing);
      });
      await Promise.all([writer, ...readers]);
      assert.ok(reads >= 3);
      await assertStored(ctx, key, versions[3] as Buffer);
    },
  },
  {
    name: 'concurrency: 16 concurrent puts of different keys in one folder all land',
    async run(ctx) {
      const keys = Array.from({ length: 16 }, (_, i) => nsKey(ctx, `batch/f${i}.bin`));
      await Promise.all(
        keys.map((k, i) => ctx.store.put(k, chunkedStream(patternBytes(10_000, 90 + i), 999))),
      );
      for (const [i, k] of keys.entries()) await assertStored(ctx, k, patternBytes(10_000, 90 + i));
      assert.equal((await ctx.store.list({ prefix: nsKey(ctx, 'batch/') })).items.length, 16);
    },
  },
];
