export { createCache } from './create-cache.js';
export { LruMemoryCache, type LruMemoryCacheOptions } from './lru/lru-memory-cache.js';
export { RedisCache, type RedisCacheOptions } from './redis/redis-cache.js';
export { TieredCache, type TieredCacheOptions } from './tiered/tiered-cache.js';
export { redactUrl } from './url/redact-url.js';
