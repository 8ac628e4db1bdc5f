import { StorageError } from '../../errors/storage-error.js';
import { ByteLruStore } from './byte-lru-store.js';
import { JsonCache } from './json-cache.js';

/** Options of a {@link MemoryCache}. */
export interface MemoryCacheOptions {
  /** Upper bound of the estimated bytes held (UTF-8 of keys and JSON values); 0 disables the cache. Default 512 MiB. */
  maxBytes?: number;
  /** TTL of a `set` without one. Default 3600. */
  defaultTtlSeconds?: number;
}

const DEFAULT_MAX_BYTES = 512 * 1024 ** 2;

/** The in-memory reference Cache: a byte-bounded LRU of JSON copies with per-entry TTLs. */
export class MemoryCache extends JsonCache {
  /** An empty cache; `maxBytes: 0` gives a disabled cache (every get misses), used for `none:`. */
  constructor(options: MemoryCacheOptions = {}) {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) {
      throw new StorageError(
        'VALIDATION',
        `invalid maxBytes ${String(maxBytes)}: it must be a whole number of bytes, 0 to disable the cache`,
      );
    }
    super('memory', new ByteLruStore(maxBytes), options.defaultTtlSeconds ?? 3600);
  }
}
