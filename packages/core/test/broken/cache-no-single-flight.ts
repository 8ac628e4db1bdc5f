import { DelegatingCache } from './cache-delegate.js';

/** getOrSet as get-then-load-then-set: concurrent callers each run the loader. */
export class NoSingleFlightCache extends DelegatingCache {
  /** Loads without sharing. */
  override async getOrSet<T>(key: string, loader: () => Promise<T>, ttlSeconds?: number): Promise<T> {
    const cached = await this.get<T>(key);
    if (cached !== undefined) return cached;
    const value = await loader();
    await this.set(key, value, ttlSeconds);
    return value;
  }
}
