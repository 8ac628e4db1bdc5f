import assert from 'node:assert/strict';
import type { CacheStats } from '../../contracts/cache.js';
import type { CacheCase } from '../types.js';

function delta(
  after: CacheStats,
  before: CacheStats,
): Record<'hits' | 'misses' | 'sets' | 'deletes', number> {
  return {
    hits: after.hits - before.hits,
    misses: after.misses - before.misses,
    sets: after.sets - before.sets,
    deletes: after.deletes - before.deletes,
  };
}

/** Stats: get/getOrSet count hits and misses, set counts stores, delete/invalidate count removed keys. */
export const statsCases: CacheCase[] = [
  {
    name: 'stats: hits, misses, sets and deletes move as documented',
    async run({ cache, ns }) {
      const before = cache.stats();
      await cache.get(`${ns}:a`); // miss
      await cache.set(`${ns}:a`, 1); // set
      await cache.set(`${ns}:b`, 2); // set
      await cache.get(`${ns}:a`); // hit
      await cache.has(`${ns}:a`); // counts nothing
      await cache.getOrSet(`${ns}:a`, async () => 0); // hit
      await cache.getOrSet(`${ns}:c`, async () => 3); // miss + set
      await cache.delete(`${ns}:b`); // delete
      await cache.delete(`${ns}:b`); // nothing removed
      await cache.invalidatePattern(`${ns}:*`); // 2 deletes (a, c)
      assert.deepEqual(delta(cache.stats(), before), { hits: 2, misses: 2, sets: 3, deletes: 3 });
    },
  },
  {
    name: 'stats: entries and bytes are null or exact',
    async run({ cache, ns }) {
      await cache.set(`${ns}:1`, 'x');
      await cache.set(`${ns}:2`, { y: 'z'.repeat(100) });
      await cache.set(`${ns}:3`, [1, 2, 3]);
      await cache.set(`${ns}:3`, [1, 2, 3, 4]);
      const stats = cache.stats();
      if (stats.entries !== null) assert.equal(stats.entries, 3);
      if (stats.bytes !== null)
        assert.ok(stats.bytes >= 100, `bytes ${stats.bytes} is below the 100-byte string held`);
      await cache.clear();
      const cleared = cache.stats();
      if (cleared.entries !== null) assert.equal(cleared.entries, 0);
      if (cleared.bytes !== null) assert.equal(cleared.bytes, 0);
      assert.equal(cache.stats().evictions, 0, 'nothing here should have been evicted');
    },
  },
];
