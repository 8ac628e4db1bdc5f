/** Entry counts a store can report; `null` where it cannot tell cheaply. */
export interface CacheStoreUsage {
  entries: number | null;
  bytes: number | null;
  evictions: number;
}

/**
 * The raw storage under a {@link JsonCache}: JSON text by key, with a TTL. Keys, values and TTLs
 * arrive validated, so a store only stores. Implement this to add a cache backend.
 */
export interface CacheStore {
  /** The JSON text of a live entry, or undefined. */
  get(key: string): Promise<string | undefined>;
  set(key: string, json: string, ttlMs: number): Promise<void>;
  delete(key: string): Promise<boolean>;
  has(key: string): Promise<boolean>;
  /** Deletes every live key matching `regex` (compiled from `glob`); returns how many. */
  deleteMatching(glob: string, regex: RegExp): Promise<number>;
  clear(): Promise<void>;
  usage(): CacheStoreUsage;
  close(): Promise<void>;
}
