import { performance } from 'node:perf_hooks';
import type { CacheStore, CacheStoreUsage } from './cache-store.js';

interface Entry {
  json: string;
  bytes: number;
  /** performance.now() deadline: monotonic, so clock changes never revive or kill entries. */
  expiresAt: number;
}

/**
 * A byte-bounded LRU in one Map (insertion order = recency). Sizes are estimated from the UTF-8
 * length of key and JSON text. `maxBytes: 0` disables it: nothing is stored.
 */
export class ByteLruStore implements CacheStore {
  readonly #entries = new Map<string, Entry>();
  readonly #maxBytes: number;
  #bytes = 0;
  #evictions = 0;

  /** An empty store holding at most `maxBytes` (estimated). */
  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  /** The JSON of a live entry (marking it most recently used), or undefined. */
  async get(key: string): Promise<string | undefined> {
    const entry = this.#live(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.json;
  }

  /** Stores `json`, evicting least recently used entries until it fits. */
  async set(key: string, json: string, ttlMs: number): Promise<void> {
    this.#remove(key);
    if (this.#maxBytes === 0) return;
    const bytes = Buffer.byteLength(key) + Buffer.byteLength(json);
    if (bytes > this.#maxBytes) {
      // Larger than the whole cache: dropping it is the eviction that keeps the bound.
      this.#evictions++;
      return;
    }
    while (this.#bytes + bytes > this.#maxBytes) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#remove(oldest.value);
      this.#evictions++;
    }
    this.#entries.set(key, { json, bytes, expiresAt: performance.now() + ttlMs });
    this.#bytes += bytes;
  }

  /** Removes `key`; true when a live entry was there. */
  async delete(key: string): Promise<boolean> {
    const live = this.#live(key) !== undefined;
    this.#remove(key);
    return live;
  }

  /** True when `key` holds a live entry. */
  async has(key: string): Promise<boolean> {
    return this.#live(key) !== undefined;
  }

  /** Deletes live entries whose key matches `regex`; expired ones go silently. */
  async deleteMatching(_glob: string, regex: RegExp): Promise<number> {
    let removed = 0;
    for (const key of [...this.#entries.keys()]) {
      if (!regex.test(key)) continue;
      if (this.#live(key)) removed++;
      this.#remove(key);
    }
    return removed;
  }

  /** Drops everything. */
  async clear(): Promise<void> {
    this.#entries.clear();
    this.#bytes = 0;
  }

  /** Entries and bytes held (expired entries count until they are next touched or evicted). */
  usage(): CacheStoreUsage {
    return { entries: this.#entries.size, bytes: this.#bytes, evictions: this.#evictions };
  }

  /** Drops everything. */
  async close(): Promise<void> {
    await this.clear();
  }

  #live(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry && performance.now() >= entry.expiresAt) {
      this.#remove(key);
      return undefined;
    }
    return entry;
  }

  #remove(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }
}
