import assert from 'node:assert/strict';
import { rejectsWithCode, sleep } from '../assert.js';
import type { CacheCase } from '../types.js';
import { countingLoader } from './helpers.js';

/** Short TTL of the timed cases, and how long they wait for it to pass (a wide margin for loaded machines). */
const SHORT_TTL_SECONDS = 1;
const PAST_TTL_MS = 1600;

/** TTLs: each timed case sleeps {@link PAST_TTL_MS} once, so keep their number small. */
export const ttlCases: CacheCase[] = [
  {
    name: 'ttl: an entry expires after its TTL and is never served afterwards; a set without TTL uses the default',
    async run({ cache, ns }) {
      await cache.set(`${ns}:short`, 'v', SHORT_TTL_SECONDS);
      assert.equal(await cache.get(`${ns}:short`), 'v', 'not served before its TTL');
      await cache.set(`${ns}:long`, 'w', 30);
      // The default TTL (an hour by default) applies, not the last TTL given.
      await cache.set(`${ns}:default`, 'd');
      await sleep(PAST_TTL_MS);
      assert.equal(await cache.get(`${ns}:short`), undefined, 'served after its TTL');
      assert.equal(await cache.has(`${ns}:short`), false, 'has() is true after the TTL');
      assert.equal(await cache.get(`${ns}:long`), 'w', 'a longer TTL expired early');
      assert.equal(await cache.get(`${ns}:default`), 'd', 'a set without TTL expired early');
    },
  },
  {
    name: 'ttl: set again replaces the TTL (longer and shorter); getOrSet stores with its TTL and loads again after expiry',
    async run({ cache, ns }) {
      await cache.set(`${ns}:grow`, 'a', SHORT_TTL_SECONDS);
      await cache.set(`${ns}:shrink`, 'b', 60);
      await cache.set(`${ns}:grow`, 'a2', 30);
      await cache.set(`${ns}:shrink`, 'b2', SHORT_TTL_SECONDS);
      const loader = countingLoader('loaded', 0);
      assert.equal(await cache.getOrSet(`${ns}:g`, loader.load, SHORT_TTL_SECONDS), 'loaded');
      assert.equal(await cache.getOrSet(`${ns}:g`, loader.load, SHORT_TTL_SECONDS), 'loaded');
      assert.equal(loader.calls(), 1, 'getOrSet did not serve its stored value before the TTL');
      await sleep(PAST_TTL_MS);
      assert.equal(await cache.get(`${ns}:grow`), 'a2', 'the refreshed TTL was not applied');
      assert.equal(await cache.get(`${ns}:shrink`), undefined, 'the old, longer TTL was kept');
      assert.equal(await cache.get(`${ns}:g`), undefined, 'getOrSet stored past its TTL');
      assert.equal(await cache.getOrSet(`${ns}:g`, loader.load, SHORT_TTL_SECONDS), 'loaded');
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
