import { type Cache, type CacheConfig, StorageError } from '@vpe-storage/core';
import { LruMemoryCache } from './lru/lru-memory-cache.js';
import { RedisCache } from './redis/redis-cache.js';
import { TieredCache } from './tiered/tiered-cache.js';
import { redactUrl } from './url/redact-url.js';

const REDIS_SCHEMES = new Set(['redis:', 'rediss:']);

/**
 * The Cache named by `url`: `memory:` (lru-cache), `none:` (disabled), `redis://…` / `rediss://…`,
 * or `tiered:redis://…` (memory in front of Redis). Connects lazily, on the first call.
 */
export function createCache(url: string, config: CacheConfig): Cache {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  const base = { namespace: config.namespace, defaultTtlSeconds: config.defaultTtlSeconds };
  switch (scheme) {
    case 'memory':
      return new LruMemoryCache({
        maxBytes: config.maxMemoryBytes,
        defaultTtlSeconds: config.defaultTtlSeconds,
      });
    case 'none':
      return new LruMemoryCache({ maxBytes: 0, defaultTtlSeconds: config.defaultTtlSeconds });
    case 'redis':
    case 'rediss':
      return new RedisCache({ url: checkedRedisUrl(url, url), ...base });
    case 'tiered':
      return new TieredCache({
        url: checkedRedisUrl(url.slice('tiered:'.length), url),
        maxMemoryBytes: config.maxMemoryBytes,
        ...base,
      });
    default:
      throw new StorageError(
        'UNSUPPORTED',
        `unknown cache URL ${JSON.stringify(redactUrl(url))}: use memory:, none:, redis://host:6379, rediss://host:6380 or tiered:redis://host:6379`,
      );
  }
}

function checkedRedisUrl(redisUrl: string, whole: string): string {
  let parsed: URL;
  try {
    parsed = new URL(redisUrl);
  } catch {
    throw new StorageError(
      'VALIDATION',
      `invalid cache URL ${JSON.stringify(redactUrl(whole))}: expected redis://[user:password@]host[:port][/db]`,
    );
  }
  if (!REDIS_SCHEMES.has(parsed.protocol) || parsed.hostname === '') {
    throw new StorageError(
      'VALIDATION',
      `invalid cache URL ${JSON.stringify(redactUrl(whole))}: expected redis://host:6379 or rediss://host:6380 (after tiered: as well)`,
    );
  }
  return redisUrl;
}
