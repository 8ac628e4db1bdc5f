import { DelegatingCache } from './cache-delegate.js';

/** Keeps the caller's object and hands the same reference to every reader. */
export class SharedReferenceCache extends DelegatingCache {
  readonly #objects = new Map<string, unknown>();

  /** Stores the reference (after the inner cache validated the value). */
  override async set<T = unknown>(key: string, value: T, ttlSeconds?: number): Promise<void> {
    await super.set(key, value, ttlSeconds);
    this.#objects.set(key, value);
  }
  /** Returns the stored reference while the inner cache still holds the key. */
  override async get<T = unknown>(key: string): Promise<T | undefined> {
    const fresh = await super.get<T>(key);
    return fresh === undefined ? undefined : (this.#objects.get(key) as T);
  }
}
