/** Hit/miss counters of a cache. */
export interface CacheStats {
  /** `get`/`getOrSet` calls that found a value. */
  hits: number;
  /** `get`/`getOrSet` calls that found none. */
  misses: number;
  /** Values stored by `set` and by `getOrSet` loads. */
  sets: number;
  /** Keys removed by `delete` and `invalidatePattern` (not by `clear`). */
  deletes: number;
  evictions: number;
  /** Entries currently held, where the backend can tell cheaply. */
  entries: number | null;
  /** Bytes currently held, where the backend can tell cheaply. */
  bytes: number | null;
}

/**
 * A key/value cache of JSON values. `undefined` means a miss; `null` is a value.
 * Patterns are globs over the whole key: `*` any run of characters, `?` one character.
 *
 * Errors: an empty or non-string key or pattern, a value JSON cannot hold unchanged (undefined,
 * functions, bigints, NaN/Infinity, Map/Set, cycles) and a TTL that is not a positive finite number
 * are `VALIDATION` (nothing is stored); every call after `close` is `CLOSED`.
 *
 * Values are copies: `get` and `getOrSet` return a fresh copy, and changing the object passed to
 * `set` does not change the cache.
 *
 * No stale fill: a `set`, `delete`, `invalidatePattern` or `clear` of a key while a `getOrSet` load
 * of that key runs wins: the load's value goes to its callers but is not stored, and later
 * `getOrSet` calls start a new load. (Guaranteed for calls on the same instance; a shared backend
 * cannot order a peer's invalidation against this instance's load.)
 */
export interface Cache {
  readonly kind: string;
  /** A fresh copy of the cached value, or undefined on a miss. */
  get<T = unknown>(key: string): Promise<T | undefined>;
  /** Stores a JSON copy of `value` for `ttlSeconds` (default: the configured TTL), replacing any TTL. */
  set<T = unknown>(key: string, value: T, ttlSeconds?: number): Promise<void>;
  /** Removes `key`; true when it was there. */
  delete(key: string): Promise<boolean>;
  /** True when `key` holds a live value (null included); counts neither a hit nor a miss. */
  has(key: string): Promise<boolean>;
  /** Deletes every key matching the glob; returns how many. */
  invalidatePattern(pattern: string): Promise<number>;
  /** Removes every entry. */
  clear(): Promise<void>;
  /**
   * The cached value, or the loader's result stored for `ttlSeconds`; concurrent callers share one load.
   * A loader that resolves `undefined` is `VALIDATION` (store `null` instead); a loader that fails
   * reaches every waiter and nothing is cached. A load overtaken by an invalidation is not stored.
   */
  getOrSet<T>(key: string, loader: () => Promise<T>, ttlSeconds?: number): Promise<T>;
  /** Counters since creation, plus what the backend holds. */
  stats(): CacheStats;
  /** Releases connections; later calls are `CLOSED`. Closing twice is harmless. */
  close(): Promise<void>;
}
