import { JsonCache } from '@vpe-storage/core';
import { RedisConnection } from './redis-connection.js';
import { RedisStore } from './redis-store.js';

/** Options of a {@link RedisCache}. */
export interface RedisCacheOptions {
  /** `redis://[user:password@]host:6379[/db]` or `rediss://…`. */
  url: string;
  /** Prefix of every key (`namespace:key`). Default `vpe`. */
  namespace?: string;
  /** TTL of a `set` without one. Default 3600. */
  defaultTtlSeconds?: number;
  /** Give up connecting after this long. Default 5000. */
  connectTimeoutMs?: number;
}

/** A Cache on Redis (keyv + @keyv/redis), shared by every instance using the same namespace. */
export class RedisCache extends JsonCache {
  /** Connects lazily, on the first call. */
  constructor(options: RedisCacheOptions) {
    const conn = new RedisConnection({
      url: options.url,
      namespace: options.namespace ?? 'vpe',
      connectTimeoutMs: options.connectTimeoutMs,
    });
    super('redis', new RedisStore(conn), options.defaultTtlSeconds ?? 3600);
  }
}
