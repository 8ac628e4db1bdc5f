import { JsonCache, StorageError } from '@vpe-storage/core';
import { LruStore } from './lru-store.js';

/** Options of a {@link LruMemoryCache}. */
export interface LruMemoryCacheOptions {
  /** Upper bound of the bytes held (UTF-8 of keys and JSON values); 0 disables the cache. Default 512 MiB. */
  maxBytes?: number;
  /** TTL of a `set` without one. Default 3600. */
  defaultTtlSeconds?: number;
}

/** An in-process Cache over lru-cache: byte-bounded LRU of JSON copies with per-entry TTLs. */
export class LruMemoryCache extends JsonCache {
  /** An empty cache. */
  constructor(options: LruMemoryCacheOptions = {}) {
    const maxBytes = options.maxBytes ?? 512 * 1024 ** 2;
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) {
      throw new StorageError(
        'VALIDATION',
        `invalid maxBytes ${String(maxBytes)}: it must be a whole number of bytes, 0 to disable the cache`,
      );
    }
    super('memory-lru', new LruStore(maxBytes), options.defaultTtlSeconds ?? 3600);
  }
}
