export {
  assertCacheKey,
  assertCachePattern,
  parseCacheValue,
  serializeCacheValue,
  ttlToMs,
} from './cache-input.js';
export type { CacheStore, CacheStoreUsage } from './cache-store.js';
export { globToRegExp } from './glob.js';
export { JsonCache } from './json-cache.js';
export { MemoryCache, type MemoryCacheOptions } from './memory-cache.js';
export { SingleFlight } from './single-flight.js';
