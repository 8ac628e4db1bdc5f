import { JsonCache, StorageError } from '@vpe-storage/core';
import { LruStore } from '../lru/lru-store.js';
import { RedisConnection } from '../redis/redis-connection.js';
import { RedisStore } from '../redis/redis-store.js';
import { TieredStore } from './tiered-store.js';

/** Options of a {@link TieredCache}. */
export interface TieredCacheOptions {
  /** The Redis behind the memory tier: `redis://…` or `rediss://…`. */
  url: string;
  /** Prefix of every Redis key, and the name of the invalidation channel. Default `vpe`. */
  namespace?: string;
  /** Byte bound of the memory tier. Default 512 MiB. */
  maxMemoryBytes?: number;
  /** TTL of a `set` without one. Default 3600. */
  defaultTtlSeconds?: number;
  /** Longest time the memory tier keeps a copy (a bound should a message ever be lost). Default 60. */
  memoryTtlSeconds?: number;
  /** Give up connecting after this long. Default 5000. */
  connectTimeoutMs?: number;
}

/**
 * An in-process LRU in front of Redis, for several app instances: reads are served from memory when
 * possible, writes go to Redis first, and every write or invalidation is published so that every
 * instance drops its in-process copy.
 */
export class TieredCache extends JsonCache {
  readonly #store: TieredStore;

  /** Connects and subscribes lazily, on the first call. */
  constructor(options: TieredCacheOptions) {
    const maxBytes = options.maxMemoryBytes ?? 512 * 1024 ** 2;
    const memoryTtl = options.memoryTtlSeconds ?? 60;
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) {
      throw new StorageError(
        'VALIDATION',
        `invalid maxMemoryBytes ${String(maxBytes)}: it must be a whole number of bytes`,
      );
    }
    if (!Number.isFinite(memoryTtl) || memoryTtl <= 0) {
      throw new StorageError(
        'VALIDATION',
        `invalid memoryTtlSeconds ${String(memoryTtl)}: it must be a positive number`,
      );
    }
    const conn = new RedisConnection({
      url: options.url,
      namespace: options.namespace ?? 'vpe',
      connectTimeoutMs: options.connectTimeoutMs,
    });
    const store = new TieredStore(
      new LruStore(maxBytes),
      new RedisStore(conn),
      conn,
      Math.max(1, Math.round(memoryTtl * 1000)),
    );
    super('tiered', store, options.defaultTtlSeconds ?? 3600);
    this.#store = store;
  }

  /** Entries and bytes held by the memory tier alone. */
  memoryUsage(): { entries: number | null; bytes: number | null } {
    const { entries, bytes } = this.#store.memoryUsage();
    return { entries, bytes };
  }
}
