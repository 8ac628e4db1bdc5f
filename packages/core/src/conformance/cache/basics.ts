import assert from 'node:assert/strict';
import { rejectsWithCode } from '../assert.js';
import type { CacheCase } from '../types.js';

/** get, set, delete, has, overwrite, null versus miss, clear. */
export const basicCases: CacheCase[] = [
  {
    name: 'basics: set then get returns the value',
    async run({ cache, ns }) {
      await cache.set(`${ns}:a`, { n: 1 });
      assert.deepEqual(await cache.get(`${ns}:a`), { n: 1 });
    },
  },
  {
    name: 'basics: get of a missing key is undefined',
    async run({ cache, ns }) {
      assert.equal(await cache.get(`${ns}:missing`), undefined);
      assert.equal(await cache.has(`${ns}:missing`), false);
    },
  },
  {
    name: 'basics: null is a value, distinct from a miss',
    async run({ cache, ns }) {
      await cache.set(`${ns}:null`, null);
      assert.equal(await cache.get(`${ns}:null`), null);
      assert.equal(await cache.has(`${ns}:null`), true);
      assert.equal(await cache.get(`${ns}:other`), undefined);
    },
  },
  {
    name: 'basics: set overwrites the previous value',
    async run({ cache, ns }) {
      await cache.set(`${ns}:k`, 'first');
      await cache.set(`${ns}:k`, 'second');
      assert.equal(await cache.get(`${ns}:k`), 'second');
    },
  },
  {
    name: 'basics: delete returns true once, then false; the key is gone',
    async run({ cache, ns }) {
      await cache.set(`${ns}:d`, 1);
      await cache.set(`${ns}:keep`, 2);
      assert.equal(await cache.delete(`${ns}:d`), true);
      assert.equal(await cache.delete(`${ns}:d`), false);
      assert.equal(await cache.get(`${ns}:d`), undefined);
      assert.equal(await cache.has(`${ns}:d`), false);
      assert.equal(await cache.get(`${ns}:keep`), 2, 'delete removed another key');
    },
  },
  {
    name: 'basics: has is true after set, false after delete',
    async run({ cache, ns }) {
      assert.equal(await cache.has(`${ns}:h`), false);
      await cache.set(`${ns}:h`, 0);
      assert.equal(await cache.has(`${ns}:h`), true);
      await cache.delete(`${ns}:h`);
      assert.equal(await cache.has(`${ns}:h`), false);
    },
  },
  {
    name: 'basics: keys are case-sensitive and exact',
    async run({ cache, ns }) {
      await cache.set(`${ns}:Key`, 'upper');
      await cache.set(`${ns}:key`, 'lower');
      assert.equal(await cache.get(`${ns}:Key`), 'upper');
      assert.equal(await cache.get(`${ns}:key`), 'lower');
      assert.equal(await cache.get(`${ns}:key `), undefined);
      assert.equal(await cache.get(`${ns}:ke`), undefined);
    },
  },
  {
    name: 'basics: clear removes every entry',
    async run({ cache, ns }) {
      await cache.set(`${ns}:c1`, 1);
      await cache.set(`${ns}:c2:deep`, 2);
      await cache.clear();
      assert.equal(await cache.get(`${ns}:c1`), undefined);
      assert.equal(await cache.has(`${ns}:c2:deep`), false);
      await cache.set(`${ns}:c3`, 3);
      assert.equal(await cache.get(`${ns}:c3`), 3, 'the cache must work after clear');
    },
  },
  {
    name: 'basics: calls after close reject with CLOSED',
    async run({ cache, ns }) {
      await cache.set(`${ns}:x`, 1);
      await cache.close();
      await rejectsWithCode(() => cache.get(`${ns}:x`), 'CLOSED');
      await rejectsWithCode(() => cache.set(`${ns}:x`, 2), 'CLOSED');
      await rejectsWithCode(() => cache.getOrSet(`${ns}:y`, async () => 1), 'CLOSED');
      await cache.close();
    },
  },
];
