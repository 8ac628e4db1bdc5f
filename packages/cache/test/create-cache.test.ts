import { CacheConfigSchema, openCache, StorageConfigSchema } from '@vpe-storage/core';
import { describe, expect, it } from 'vitest';
import * as cachePackage from '../src/index.js';
import { createCache, LruMemoryCache, RedisCache, redactUrl, TieredCache } from '../src/index.js';
import { toRedisMatch } from '../src/redis/redis-glob.js';

const config = CacheConfigSchema.parse({ namespace: 'app', defaultTtlSeconds: 60 });

describe('createCache', () => {
  it('picks the backend by URL scheme', async () => {
    const caches = [
      createCache('memory:', config),
      createCache('none:', config),
      createCache('redis://127.0.0.1:6379', config),
      createCache('rediss://cache.example:6380', config),
      createCache('tiered:redis://127.0.0.1:6379/2', config),
    ];
    expect(caches[0]).toBeInstanceOf(LruMemoryCache);
    expect(caches[2]).toBeInstanceOf(RedisCache);
    expect(caches[3]).toBeInstanceOf(RedisCache);
    expect(caches[4]).toBeInstanceOf(TieredCache);
    await caches[1]?.set('k', 1);
    expect(await caches[1]?.get('k')).toBeUndefined();
    await Promise.all(caches.map((c) => c.close()));
  });

  it('refuses unknown schemes with UNSUPPORTED and bad Redis URLs with VALIDATION, hiding passwords', () => {
    expect(() => createCache('memcached://u:pw-1@h:11211', config)).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED', message: expect.not.stringContaining('pw-1') }),
    );
    for (const url of ['tiered:memory:', 'tiered:http://u:pw-2@h', 'redis://:pw-3@']) {
      let err: unknown;
      try {
        createCache(url, config);
      } catch (e) {
        err = e;
      }
      expect(err, url).toMatchObject({ code: 'VALIDATION' });
      expect((err as Error).message).not.toMatch(/pw-\d/);
    }
  });
});

describe("core's openCache", () => {
  it('opens redis: and tiered: URLs through this package', async () => {
    const overrides = { '@vpe-storage/cache': cachePackage };
    const redis = await openCache(
      StorageConfigSchema.parse({ cache: { url: 'redis://127.0.0.1:6379' } }),
      overrides,
    );
    const tiered = await openCache(
      StorageConfigSchema.parse({ cache: { url: 'tiered:redis://127.0.0.1:6379' } }),
      overrides,
    );
    expect(redis).toBeInstanceOf(RedisCache);
    expect(tiered).toBeInstanceOf(TieredCache);
    expect([redis.kind, tiered.kind]).toEqual(['redis', 'tiered']);
    await Promise.all([redis.close(), tiered.close()]);
  });
});

describe('URL and glob helpers', () => {
  it('redactUrl hides the password, also behind tiered:', () => {
    expect(redactUrl('redis://user:secret@h:6379/1')).toBe('redis://user:***@h:6379/1');
    expect(redactUrl('tiered:rediss://:secret@h')).toBe('tiered:rediss://:***@h');
    expect(redactUrl('redis://h:6379')).toBe('redis://h:6379');
  });

  it('toRedisMatch escapes Redis glob syntax and widens ? (filtered exactly afterwards)', () => {
    expect(toRedisMatch('ns:', 'a[b]\\c*')).toBe('ns:a\\[b\\]\\\\c*');
    expect(toRedisMatch('n*s:', 'x?y**z')).toBe('n\\*s:x*y*z');
  });
});
