import assert from 'node:assert/strict';
import { rejectsWithCode } from '../assert.js';
import type { CacheCase } from '../types.js';
import { countingLoader } from './helpers.js';

/** getOrSet: loads once, shares concurrent loads, never caches a failure. */
export const getOrSetCases: CacheCase[] = [
  {
    name: 'getOrSet: loads on a miss, stores, then serves without calling the loader',
    async run({ cache, ns }) {
      const loader = countingLoader({ id: 7 }, 0);
      assert.deepEqual(await cache.getOrSet(`${ns}:k`, loader.load), { id: 7 });
      assert.deepEqual(await cache.get(`${ns}:k`), { id: 7 }, 'the loaded value was not stored');
      assert.deepEqual(await cache.getOrSet(`${ns}:k`, loader.load), { id: 7 });
      assert.equal(loader.calls(), 1);
    },
  },
  {
    name: 'getOrSet: an existing value (null included) is returned without loading',
    async run({ cache, ns }) {
      await cache.set(`${ns}:null`, null);
      await cache.set(`${ns}:val`, 'cached');
      const loader = countingLoader('loaded', 0);
      assert.equal(await cache.getOrSet(`${ns}:null`, loader.load), null);
      assert.equal(await cache.getOrSet(`${ns}:val`, loader.load), 'cached');
      assert.equal(loader.calls(), 0);
    },
  },
  {
    name: 'getOrSet: 10 concurrent callers share one loader call and each get a copy',
    async run({ cache, ns }) {
      const loader = countingLoader({ list: [1, 2, 3] }, 80);
      const results = await Promise.all(
        Array.from({ length: 10 }, () => cache.getOrSet<{ list: number[] }>(`${ns}:shared`, loader.load)),
      );
      assert.equal(loader.calls(), 1, `the loader ran ${loader.calls()} times for 10 concurrent callers`);
      for (const r of results) assert.deepEqual(r, { list: [1, 2, 3] });
      results[0]?.list.push(4);
      assert.deepEqual(results[1], { list: [1, 2, 3] }, 'callers share one mutable object');
      assert.deepEqual(await cache.get(`${ns}:shared`), { list: [1, 2, 3] });
    },
  },
  {
    name: 'getOrSet: concurrent loads of different keys do not share',
    async run({ cache, ns }) {
      const a = countingLoader('A', 30);
      const b = countingLoader('B', 30);
      const [ra, rb] = await Promise.all([
        cache.getOrSet(`${ns}:a`, a.load),
        cache.getOrSet(`${ns}:b`, b.load),
      ]);
      assert.equal(ra, 'A');
      assert.equal(rb, 'B');
      assert.equal(a.calls() + b.calls(), 2);
    },
  },
  {
    name: 'getOrSet: a failing loader reaches every waiter and is not cached',
    async run({ cache, ns }) {
      let calls = 0;
      const failing = async (): Promise<string> => {
        calls++;
        await new Promise((r) => setTimeout(r, 50));
        throw new Error('loader exploded');
      };
      const outcomes = await Promise.allSettled(
        Array.from({ length: 5 }, () => cache.getOrSet(`${ns}:f`, failing)),
      );
      assert.equal(calls, 1, 'concurrent failing loads were not shared');
      for (const o of outcomes) {
        assert.equal(o.status, 'rejected');
        assert.match(String((o as PromiseRejectedResult).reason?.message), /loader exploded/);
      }
      assert.equal(await cache.has(`${ns}:f`), false, 'a failed load stored something');
      assert.equal(
        await cache.getOrSet(`${ns}:f`, async () => 'recovered'),
        'recovered',
        'the failure was cached',
      );
      assert.equal(calls, 1);
    },
  },
  {
    name: 'getOrSet: a loader returning undefined is VALIDATION and stores nothing',
    async run({ cache, ns }) {
      await rejectsWithCode(() => cache.getOrSet(`${ns}:u`, async () => undefined), 'VALIDATION');
      assert.equal(await cache.has(`${ns}:u`), false);
    },
  },
];
