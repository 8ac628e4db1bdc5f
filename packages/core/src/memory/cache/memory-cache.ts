// Placeholder: replaced by the in-memory reference Cache.
import type { Cache } from '../../contracts/cache.js';
export interface MemoryCacheOptions {
  maxBytes?: number;
  defaultTtlSeconds?: number;
}
export const MemoryCache = class {} as unknown as new (options?: MemoryCacheOptions) => Cache;
