/** Hit/miss counters of a cache. */
export interface CacheStats {
  hits: number;
  misses: number;
  sets: number;
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
 */
export interface Cache {
  readonly kind: string;
  get<T = unknown>(key: string): Promise<T | undefined>;
  /** Stores a JSON value for `ttlSeconds` (default: the configured TTL). */
  set<T = unknown>(key: string, value: T, ttlSeconds?: number): Promise<void>;
  delete(key: string): Promise<boolean>;
  has(key: string): Promise<boolean>;
  /** Deletes every key matching the glob; returns how many. */
  invalidatePattern(pattern: string): Promise<number>;
  clear(): Promise<void>;
  /** The cached value, or the loader's result stored for `ttlSeconds`; concurrent callers share one load. */
  getOrSet<T>(key: string, loader: () => Promise<T>, ttlSeconds?: number): Promise<T>;
  stats(): CacheStats;
  close(): Promise<void>;
}
