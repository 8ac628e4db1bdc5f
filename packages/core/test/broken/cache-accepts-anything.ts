import { DelegatingCache } from './cache-delegate.js';

/** Lets JSON.stringify decide: undefined, NaN, Map… are stored as whatever JSON makes of them. */
export class AcceptsAnythingCache extends DelegatingCache {
  /** Stores JSON's lossy version instead of refusing. */
  override set<T = unknown>(key: string, value: T, ttlSeconds?: number): Promise<void> {
    let lossy: unknown = null;
    try {
      lossy = JSON.parse(JSON.stringify(value) ?? 'null');
    } catch {
      lossy = null;
    }
    return super.set(key, lossy, ttlSeconds);
  }
}
