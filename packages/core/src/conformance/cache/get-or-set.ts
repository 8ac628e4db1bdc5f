import assert from 'node:assert/strict';
import { rejectsWithCode } from '../assert.js';
import type { CacheCase } from '../types.js';
import { countingLoader, eventually, gatedLoader } from './helpers.js';

/** getOrSet: loads once, shares concurrent loads, never caches a failure, never fills in a stale value. */
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
  {
    name: 'getOrSet: an invalidation during a getOrSet load is not overwritten by the stale loaded value',
    async run({ cache, ns }) {
      const invalidations: [string, (key: string) => Promise<unknown>][] = [
        ['delete', (key) => cache.delete(key)],
        ['invalidatePattern', (key) => cache.invalidatePattern(`${key.slice(0, -1)}*`)],
        ['clear', () => cache.clear()],
      ];
      for (const [label, invalidate] of invalidations) {
        const key = `${ns}:stale:${label}`;
        const loader = gatedLoader({ version: 'old' });
        const pending = cache.getOrSet(key, loader.load);
        pending.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
        try {
          await loader.started;
          await invalidate(key);
        } finally {
          loader.release(); // never leave a load hanging, whatever failed
        }
        assert.deepEqual(
          await pending,
          { version: 'old' },
          `${label}: the caller did not get the loaded value`,
        );
        assert.equal(await cache.get(key), undefined, `${label}: the stale loaded value was stored`);
      }
    },
  },
  {
    name: 'getOrSet: a set during a load wins, and callers after an invalidation load afresh',
    async run({ cache, ns }) {
      const slow = gatedLoader('old');
      const pending = cache.getOrSet(`${ns}:k`, slow.load);
      pending.catch(() => undefined); // awaited below; this only keeps an early failure from going unhandled
      try {
        await slow.started;
        await cache.set(`${ns}:k`, 'new');
      } finally {
        slow.release();
      }
      assert.equal(await pending, 'old');
      assert.equal(await cache.get(`${ns}:k`), 'new', 'the loaded value replaced a newer set');

      const first = gatedLoader('first');
      const firstCall = cache.getOrSet(`${ns}:j`, first.load);
      firstCall.catch(() => undefined);
      const second = countingLoader('second', 0);
      let secondCall: Promise<string> | undefined;
      try {
        await first.started;
        await cache.delete(`${ns}:j`);
        secondCall = cache.getOrSet(`${ns}:j`, second.load);
        secondCall.catch(() => undefined);
        await eventually(async () =>
          assert.equal(second.calls(), 1, 'a caller after the invalidation joined the invalidated load'),
        );
      } finally {
        first.release();
      }
      assert.equal(await secondCall, 'second');
      assert.equal(await firstCall, 'first');
      assert.equal(await cache.get(`${ns}:j`), 'second', 'the invalidated load overwrote a fresh one');
    },
  },
];
