import assert from 'node:assert/strict';
import { rejectsWithCode, sleep } from '../assert.js';
import type { CacheCase } from '../types.js';
import { countingLoader } from './helpers.js';

/** Short TTLs: every case sleeps about 0.6 s, so keep their number small. */
export const ttlCases: CacheCase[] = [
  {
    name: 'ttl: an entry expires after its TTL and is never served afterwards',
    async run({ cache, ns }) {
      await cache.set(`${ns}:short`, 'v', 0.3);
      await cache.set(`${ns}:long`, 'w', 30);
      assert.equal(await cache.get(`${ns}:short`), 'v', 'served before its TTL');
      await sleep(600);
      assert.equal(await cache.get(`${ns}:short`), undefined, 'served after its TTL');
      assert.equal(await cache.has(`${ns}:short`), false, 'has() is true after the TTL');
      assert.equal(await cache.get(`${ns}:long`), 'w', 'a longer TTL expired early');
    },
  },
  {
    name: 'ttl: a set without TTL uses the default TTL (an hour by default), not the last one given',
    async run({ cache, ns }) {
      await cache.set(`${ns}:short`, 1, 0.3);
      await cache.set(`${ns}:default`, 2);
      await sleep(600);
      assert.equal(await cache.get(`${ns}:short`), undefined);
      assert.equal(await cache.get(`${ns}:default`), 2);
    },
  },
  {
    name: 'ttl: set again replaces the TTL (longer and shorter)',
    async run({ cache, ns }) {
      await cache.set(`${ns}:grow`, 'a', 0.3);
      await cache.set(`${ns}:shrink`, 'b', 60);
      await sleep(150);
      await cache.set(`${ns}:grow`, 'a2', 30);
      await cache.set(`${ns}:shrink`, 'b2', 0.3);
      await sleep(450);
      assert.equal(await cache.get(`${ns}:grow`), 'a2', 'the refreshed TTL was not applied');
      assert.equal(await cache.get(`${ns}:shrink`), undefined, 'the old, longer TTL was kept');
    },
  },
  {
    name: 'ttl: getOrSet stores with its TTL and loads again after expiry',
    async run({ cache, ns }) {
      const loader = countingLoader('loaded', 0);
      assert.equal(await cache.getOrSet(`${ns}:g`, loader.load, 0.3), 'loaded');
      assert.equal(await cache.getOrSet(`${ns}:g`, loader.load, 0.3), 'loaded');
      assert.equal(loader.calls(), 1);
      await sleep(600);
      assert.equal(await cache.get(`${ns}:g`), undefined);
      assert.equal(await cache.getOrSet(`${ns}:g`, loader.load, 0.3), 'loaded');
      assert.equal(loader.calls(), 2);
    },
  },
  {
    name: 'ttl: a TTL that is not a positive finite number is VALIDATION',
    async run({ cache, ns }) {
      for (const ttl of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
        await rejectsWithCode(() => cache.set(`${ns}:t`, 1, ttl), 'VALIDATION', `ttl ${ttl}`);
        await rejectsWithCode(() => cache.getOrSet(`${ns}:t`, async () => 1, ttl), 'VALIDATION');
      }
      assert.equal(await cache.has(`${ns}:t`), false, 'a refused set stored something');
    },
  },
];
