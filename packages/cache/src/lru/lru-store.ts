import type { CacheStore, CacheStoreUsage } from '@vpe-storage/core';
import { LRUCache } from 'lru-cache';

/** A byte-bounded LRU over lru-cache; `maxBytes: 0` disables it (nothing is stored). */
export class LruStore implements CacheStore {
  readonly #lru: LRUCache<string, string> | null;
  readonly #maxBytes: number;
  #evictions = 0;

  /** An empty store holding at most `maxBytes` (UTF-8 bytes of key and JSON). */
  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
    this.#lru =
      maxBytes === 0
        ? null
        : new LRUCache<string, string>({
            maxSize: maxBytes,
            sizeCalculation: (json, key) => entrySize(key, json),
            dispose: (_json, _key, reason) => {
              if (reason === 'evict') this.#evictions++;
            },
          });
  }

  /** The JSON of a live entry (marking it most recently used), or undefined. */
  async get(key: string): Promise<string | undefined> {
    return this.#lru?.get(key);
  }

  /** Stores `json` for `ttlMs`; a value larger than the whole cache is dropped (counted as an eviction). */
  async set(key: string, json: string, ttlMs: number): Promise<void> {
    if (!this.#lru) return;
    if (entrySize(key, json) > this.#maxBytes) {
      this.#lru.delete(key);
      this.#evictions++;
      return;
    }
    this.#lru.set(key, json, { ttl: ttlMs });
  }

  /** Removes `key`; true when a live entry was there. */
  async delete(key: string): Promise<boolean> {
    if (!this.#lru) return false;
    const live = this.#lru.has(key);
    this.#lru.delete(key);
    return live;
  }

  /** True when `key` holds a live entry. */
  async has(key: string): Promise<boolean> {
    return this.#lru?.has(key) ?? false;
  }

  /** Deletes live entries whose key matches `regex`. */
  async deleteMatching(_glob: string, regex: RegExp): Promise<number> {
    if (!this.#lru) return 0;
    const matching = [...this.#lru.keys()].filter((key) => regex.test(key));
    let removed = 0;
    for (const key of matching) if (this.#lru.delete(key)) removed++;
    return removed;
  }

  /** Drops everything. */
  async clear(): Promise<void> {
    this.#lru?.clear();
  }

  /** Entries and bytes held (lru-cache drops expired entries lazily). */
  usage(): CacheStoreUsage {
    return {
      entries: this.#lru?.size ?? 0,
      bytes: this.#lru?.calculatedSize ?? 0,
      evictions: this.#evictions,
    };
  }

  /** Drops everything. */
  async close(): Promise<void> {
    this.#lru?.clear();
  }
}

function entrySize(key: string, json: string): number {
  return Buffer.byteLength(key) + Buffer.byteLength(json);
}
