import assert from 'node:assert/strict';
import type { CacheCase } from '../types.js';

/** Large values and many keys. */
export const scaleCases: CacheCase[] = [
  {
    name: 'scale: a 1 MiB string round-trips',
    timeoutMs: 60_000,
    async run({ cache, ns }) {
      const big = 'ab€'.repeat(Math.ceil((1024 * 1024) / 3)).slice(0, 1024 * 1024);
      await cache.set(`${ns}:big`, { big });
      const got = await cache.get<{ big: string }>(`${ns}:big`);
      assert.equal(got?.big.length, big.length);
      assert.ok(got?.big === big, 'the 1 MiB string came back changed');
    },
  },
  {
    name: 'scale: 2,000 keys are all stored, read back and invalidated with an exact count',
    timeoutMs: 60_000,
    async run({ cache, ns }) {
      const n = 2000;
      const keys = Array.from({ length: n }, (_, i) => `${ns}:many:${i}`);
      for (let i = 0; i < n; i += 200) {
        await Promise.all(keys.slice(i, i + 200).map((key, j) => cache.set(key, { i: i + j })));
      }
      await cache.set(`${ns}:other`, 'kept');
      for (let i = 0; i < n; i += 200) {
        const values = await Promise.all(keys.slice(i, i + 200).map((key) => cache.get<{ i: number }>(key)));
        for (const [j, v] of values.entries()) assert.deepEqual(v, { i: i + j }, `key ${keys[i + j]}`);
      }
      assert.equal(await cache.invalidatePattern(`${ns}:many:*`), n);
      assert.equal(await cache.get(`${ns}:many:1999`), undefined);
      assert.equal(await cache.get(`${ns}:other`), 'kept');
    },
  },
];
