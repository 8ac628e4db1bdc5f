import { DelegatingCache } from './cache-delegate.js';

/** Stores every entry with the default TTL, whatever the caller asked. */
export class IgnoresTtlCache extends DelegatingCache {
  /** Drops `ttlSeconds`. */
  override set<T = unknown>(key: string, value: T): Promise<void> {
    return super.set(key, value);
  }
  /** Drops `ttlSeconds`. */
  override getOrSet<T>(key: string, loader: () => Promise<T>): Promise<T> {
    return super.getOrSet(key, loader);
  }
}
