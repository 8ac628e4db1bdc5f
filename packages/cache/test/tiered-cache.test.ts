import { describeCache } from '@vpe-storage/core/conformance/vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisCache, TieredCache } from '../src/index.js';
import { killClients } from './support/kill-clients.js';
import {
  freshNamespace,
  REDIS_URL,
  redisAvailable,
  removeRunKeys,
  sharedCacheFixture,
} from './support/redis.js';

const available = await redisAvailable();

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 1000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe.skipIf(!available)('TieredCache', () => {
  afterAll(async () => {
    await removeRunKeys();
  });

  describeCache(
    'tiered (memory + redis)',
    sharedCacheFixture((namespace) => new TieredCache({ url: REDIS_URL, namespace })),
  );

  describe('memory tier and cross-instance invalidation', () => {
    const namespace = freshNamespace();
    const open = () => new TieredCache({ url: REDIS_URL, namespace });

    it("instance B's memory tier drops a key after instance A invalidates it", async () => {
      const a = open();
      const b = open();
      const redis = new RedisCache({ url: REDIS_URL, namespace });
      try {
        await a.set('video:1', { title: 'v1' });
        await a.set('video:2', { title: 'v2' });
        expect(await b.get('video:1')).toEqual({ title: 'v1' });
        expect(await b.get('video:2')).toEqual({ title: 'v2' });
        expect(b.memoryUsage().entries).toBe(2);

        // Prove B serves from memory: change Redis behind its back (no message is published).
        await redis.set('video:1', { title: 'changed-behind' });
        expect(await b.get('video:1')).toEqual({ title: 'v1' });

        expect(await a.invalidatePattern('video:*')).toBe(2);
        await until(() => b.memoryUsage().entries === 0);
        expect(await b.get('video:1')).toBeUndefined();
        expect(await b.get('video:2')).toBeUndefined();
      } finally {
        await Promise.all([a.close(), b.close(), redis.clear().then(() => redis.close())]);
      }
    });

    it('a set, delete or clear on A reaches B within milliseconds', async () => {
      const a = open();
      const b = open();
      try {
        await a.set('k', 1);
        expect(await b.get('k')).toBe(1);
        await a.set('k', 2);
        await until(async () => (await b.get('k')) === 2);
        await a.delete('k');
        await until(async () => (await b.get('k')) === undefined);
        await a.set('j', 'x');
        expect(await b.get('j')).toBe('x');
        await a.clear();
        await until(() => b.memoryUsage().entries === 0);
        expect(await b.get('j')).toBeUndefined();
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it('after its subscription drops, an instance forgets its memory copies (messages may have been lost)', async () => {
      const ns = freshNamespace();
      const b = new TieredCache({ url: REDIS_URL, namespace: ns });
      const redis = new RedisCache({ url: REDIS_URL, namespace: ns });
      try {
        await redis.set('k', 'v1');
        expect(await b.get('k')).toBe('v1');
        expect(b.memoryUsage().entries).toBe(1);
        expect(await killClients(`vpe-storage-invalidation:${ns}`, 'pubsub')).toBe(1);
        // Written without a message: what an instance misses while its subscription is down.
        await redis.set('k', 'v2');
        await until(() => b.memoryUsage().entries === 0);
        expect(await b.get('k')).toBe('v2');
        // Once resubscribed, memory is used again and invalidations arrive again.
        await until(async () => (await b.get('k')) === 'v2' && b.memoryUsage().entries === 1, 3000);
        const a = new TieredCache({ url: REDIS_URL, namespace: ns });
        await a.delete('k');
        await until(async () => (await b.get('k')) === undefined);
        await a.close();
      } finally {
        await redis.clear();
        await Promise.all([b.close(), redis.close()]);
      }
    });

    it('the memory copy never outlives the Redis TTL', async () => {
      const a = open();
      const b = open();
      try {
        await a.set('short', 'v', 0.3);
        expect(await b.get('short')).toBe('v');
        expect(b.memoryUsage().entries).toBe(1);
        await new Promise((r) => setTimeout(r, 450));
        expect(await b.get('short')).toBeUndefined();
        expect(await a.get('short')).toBeUndefined();
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it('getOrSet on two instances at once: each loads at most once, both see one stored value', async () => {
      const a = open();
      const b = open();
      try {
        let calls = 0;
        const loader = async () => {
          calls++;
          await new Promise((r) => setTimeout(r, 50));
          return { n: calls };
        };
        const results = await Promise.all([
          ...Array.from({ length: 5 }, () => a.getOrSet('g', loader)),
          ...Array.from({ length: 5 }, () => b.getOrSet('g', loader)),
        ]);
        expect(calls).toBeLessThanOrEqual(2); // single-flight is per process, by design
        expect(new Set(results.slice(0, 5).map((r) => JSON.stringify(r))).size).toBe(1);
        const stored = await a.get('g');
        await until(async () => JSON.stringify(await b.get('g')) === JSON.stringify(stored));
      } finally {
        await Promise.all([a.close(), b.close()]);
        const cleaner = new RedisCache({ url: REDIS_URL, namespace });
        await cleaner.clear();
        await cleaner.close();
      }
    });
  });
});
