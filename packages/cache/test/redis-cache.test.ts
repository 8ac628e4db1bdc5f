import { describeCache } from '@vpe-storage/core/conformance/vitest';
import { afterAll, describe, expect, it } from 'vitest';
import { RedisCache } from '../src/index.js';
import { killClients } from './support/kill-clients.js';
import {
  freshNamespace,
  REDIS_URL,
  RUN_PREFIX,
  redisAvailable,
  removeRunKeys,
  sharedCacheFixture,
} from './support/redis.js';

const available = await redisAvailable();

describe.skipIf(!available)('RedisCache', () => {
  afterAll(async () => {
    await removeRunKeys();
  });

  describeCache(
    'redis',
    sharedCacheFixture((namespace) => new RedisCache({ url: REDIS_URL, namespace })),
  );

  it('stores keys as namespace:key, so two namespaces never see each other', async () => {
    const a = new RedisCache({ url: REDIS_URL, namespace: `${RUN_PREFIX}:nsA` });
    const b = new RedisCache({ url: REDIS_URL, namespace: `${RUN_PREFIX}:nsB` });
    await a.set('k', 'from-a');
    expect(await b.get('k')).toBeUndefined();
    expect(await b.invalidatePattern('*')).toBe(0);
    await b.clear();
    expect(await a.get('k')).toBe('from-a');
    const raw = new RedisCache({ url: REDIS_URL, namespace: RUN_PREFIX });
    expect(await raw.has('nsA:k')).toBe(true);
    await Promise.all([a.clear(), b.clear()]);
    await Promise.all([a.close(), b.close(), raw.close()]);
  });

  it('an empty namespace stores keys as given (no prefix)', async () => {
    const root = new RedisCache({ url: REDIS_URL, namespace: '' });
    const scoped = new RedisCache({ url: REDIS_URL, namespace: RUN_PREFIX });
    await root.set(`${RUN_PREFIX}:rootkey`, 1);
    expect(await scoped.get('rootkey')).toBe(1);
    expect(await root.invalidatePattern(`${RUN_PREFIX}:root*`)).toBe(1);
    expect(await scoped.has('rootkey')).toBe(false);
    await Promise.all([root.close(), scoped.close()]);
  });

  it('a namespace holding glob characters is matched literally', async () => {
    const star = new RedisCache({ url: REDIS_URL, namespace: `${RUN_PREFIX}:n*` });
    const other = new RedisCache({ url: REDIS_URL, namespace: `${RUN_PREFIX}:nX` });
    await star.set('k', 1);
    await other.set('k', 2);
    expect(await star.invalidatePattern('*')).toBe(1);
    expect(await other.get('k')).toBe(2);
    await other.clear();
    await Promise.all([star.close(), other.close()]);
  });

  it('a dropped connection fails calls with UNAVAILABLE (never hangs) and recovers by itself', async () => {
    const namespace = freshNamespace();
    const cache = new RedisCache({ url: REDIS_URL, namespace });
    try {
      await cache.set('k', 'v');
      expect(await killClients(`vpe-storage-cache:${namespace}`)).toBe(1);
      const outcome = await cache.get('k').then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      );
      if ('error' in outcome) expect(outcome.error).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
      else expect(outcome.value).toBe('v');
      const deadline = Date.now() + 3000;
      let value: unknown;
      while (Date.now() < deadline) {
        value = await cache.get('k').catch(() => undefined);
        if (value === 'v') break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(value).toBe('v');
    } finally {
      await cache.clear().catch(() => undefined);
      await cache.close();
    }
  });

  it('unreachable Redis is UNAVAILABLE, fast, and the message hides the password', async () => {
    const cache = new RedisCache({ url: 'redis://user:s3cret-pw@127.0.0.1:1/0', connectTimeoutMs: 1000 });
    const started = Date.now();
    const err = await cache.get('k').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
    expect(Date.now() - started).toBeLessThan(3000);
    expect((err as Error).message).toContain('127.0.0.1:1');
    expect((err as Error).message).toMatch(/ECONNREFUSED/);
    expect((err as Error).message).not.toContain('s3cret-pw');
    expect(JSON.stringify((err as { details: unknown }).details)).not.toContain('s3cret-pw');
    // Validation comes before any network call.
    await expect(cache.set('', 1)).rejects.toMatchObject({ code: 'VALIDATION' });
    await cache.close();
  });
});
