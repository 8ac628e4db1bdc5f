import type { Cache, CacheStats } from '../../contracts/cache.js';
import { StorageError } from '../../errors/storage-error.js';
import {
  assertCacheKey,
  assertCachePattern,
  parseCacheValue,
  serializeCacheValue,
  ttlToMs,
} from './cache-input.js';
import type { CacheStore } from './cache-store.js';
import { globToRegExp } from './glob.js';
import { SingleFlight } from './single-flight.js';

/**
 * The Cache contract over a {@link CacheStore}: validation, JSON copies, the default TTL, single-flight
 * `getOrSet`, stats and the closed state live here once for every backend.
 *
 * Stats: `get` and `getOrSet` count one hit or one miss per call (`has` counts neither); `sets` counts
 * stored values (`set` and loads of `getOrSet`); `deletes` counts keys removed by `delete` and
 * `invalidatePattern` (not by `clear`).
 *
 * No stale fill: `set`, `delete`, `invalidatePattern` and `clear` detach the `getOrSet` loads running on
 * the keys they touch (before reaching the store), and a detached load returns its value to its callers
 * without storing it; the next `getOrSet` loads afresh.
 */
export class JsonCache implements Cache {
  readonly kind: string;
  readonly #store: CacheStore;
  readonly #defaultTtlMs: number;
  readonly #flights = new SingleFlight<string>();
  readonly #counters = { hits: 0, misses: 0, sets: 0, deletes: 0 };
  #closed = false;

  /** Wraps `store`; `defaultTtlSeconds` applies when a call gives no TTL. */
  constructor(kind: string, store: CacheStore, defaultTtlSeconds: number) {
    this.kind = kind;
    this.#store = store;
    this.#defaultTtlMs = ttlToMs(defaultTtlSeconds, 'default cache TTL');
  }

  /** A fresh copy of the cached value, or undefined on a miss. */
  async get<T = unknown>(key: string): Promise<T | undefined> {
    this.#assertOpen();
    assertCacheKey(key);
    const json = await this.#store.get(key);
    if (json === undefined) {
      this.#counters.misses++;
      return undefined;
    }
    this.#counters.hits++;
    return parseCacheValue<T>(json);
  }

  /** Stores a JSON copy of `value` for `ttlSeconds` (default: the configured TTL), replacing any TTL. */
  async set<T = unknown>(key: string, value: T, ttlSeconds?: number): Promise<void> {
    this.#assertOpen();
    assertCacheKey(key);
    const ttlMs = this.#ttlMs(ttlSeconds);
    const json = serializeCacheValue(key, value);
    this.#flights.invalidate(key);
    await this.#store.set(key, json, ttlMs);
    this.#counters.sets++;
  }

  /** Removes `key`; true when it was there. */
  async delete(key: string): Promise<boolean> {
    this.#assertOpen();
    assertCacheKey(key);
    this.#flights.invalidate(key);
    const removed = await this.#store.delete(key);
    if (removed) this.#counters.deletes++;
    return removed;
  }

  /** True when `key` holds a live value (null included). */
  async has(key: string): Promise<boolean> {
    this.#assertOpen();
    assertCacheKey(key);
    return this.#store.has(key);
  }

  /** Deletes every key matching the glob over the whole key; returns how many. */
  async invalidatePattern(pattern: string): Promise<number> {
    this.#assertOpen();
    assertCachePattern(pattern);
    const regex = globToRegExp(pattern);
    this.#flights.invalidateWhere((key) => regex.test(key));
    const removed = await this.#store.deleteMatching(pattern, regex);
    this.#counters.deletes += removed;
    return removed;
  }

  /** Removes every entry. */
  async clear(): Promise<void> {
    this.#assertOpen();
    this.#flights.invalidateWhere(() => true);
    await this.#store.clear();
  }

  /**
   * The cached value, or the loader's result stored for `ttlSeconds`; concurrent callers share one load.
   * A load overtaken by a write or invalidation of `key` is returned but not stored.
   */
  async getOrSet<T>(key: string, loader: () => Promise<T>, ttlSeconds?: number): Promise<T> {
    this.#assertOpen();
    assertCacheKey(key);
    const ttlMs = this.#ttlMs(ttlSeconds);
    const running = this.#flights.current(key);
    if (running === undefined) {
      const cached = await this.#store.get(key);
      if (cached !== undefined) {
        this.#counters.hits++;
        return parseCacheValue<T>(cached);
      }
    }
    this.#counters.misses++;
    // Waiters receive the stored JSON and parse their own copy, so none can change another's value.
    const json = await this.#flights.run(key, async (flight) => {
      const value = await loader();
      const text = serializeCacheValue(key, value);
      this.#assertOpen();
      // Written or invalidated during the load: the value may predate that change, so only the callers get it.
      if (!flight.stale) {
        await this.#store.set(key, text, ttlMs);
        this.#counters.sets++;
      }
      return text;
    });
    return parseCacheValue<T>(json);
  }

  /** Counters since creation, plus what the store holds. */
  stats(): CacheStats {
    const usage = this.#store.usage();
    return { ...this.#counters, evictions: usage.evictions, entries: usage.entries, bytes: usage.bytes };
  }

  /** Releases the store; later calls reject with `CLOSED`. Closing twice is harmless. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#store.close();
  }

  #ttlMs(ttlSeconds: number | undefined): number {
    return ttlSeconds === undefined ? this.#defaultTtlMs : ttlToMs(ttlSeconds);
  }

  #assertOpen(): void {
    if (this.#closed) {
      throw new StorageError('CLOSED', `the ${this.kind} cache is closed: open a new one`);
    }
  }
}
