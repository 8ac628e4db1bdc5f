import { type CacheStore, type CacheStoreUsage, globToRegExp } from '@vpe-storage/core';
import type { LruStore } from '../lru/lru-store.js';
import type { RedisConnection } from '../redis/redis-connection.js';
import type { RedisStore } from '../redis/redis-store.js';
import { type Invalidation, InvalidationBus } from './invalidation-bus.js';

/**
 * Memory in front of Redis. Reads: memory, then Redis (copying the entry into memory with its remaining
 * TTL, capped). Writes: Redis first, then memory, then a pub/sub message so other instances drop their
 * copy. Redis is the truth; memory is only trusted while the subscription is live.
 */
export class TieredStore implements CacheStore {
  readonly #memory: LruStore;
  readonly #remote: RedisStore;
  readonly #bus: InvalidationBus;
  readonly #memoryTtlMs: number;
  /**
   * Bumped by every write and invalidation (local or remote). A read copies what Redis returned into
   * memory only if no write happened meanwhile, so a slow read can never re-insert a stale value.
   */
  #epoch = 0;

  /** Composes the two tiers; `memoryTtlMs` caps how long memory keeps a copy. */
  constructor(memory: LruStore, remote: RedisStore, conn: RedisConnection, memoryTtlMs: number) {
    this.#memory = memory;
    this.#remote = remote;
    this.#memoryTtlMs = memoryTtlMs;
    this.#bus = new InvalidationBus(conn, {
      onInvalidation: (message) => this.#dropLocal(message),
      onReset: () => this.#dropLocal({ type: 'clear' }),
    });
  }

  /** Memory first, then Redis. */
  async get(key: string): Promise<string | undefined> {
    await this.#bus.start();
    if (this.#bus.healthy) {
      const local = await this.#memory.get(key);
      if (local !== undefined) return local;
    }
    const epoch = this.#epoch;
    const entry = await this.#remote.getEntry(key);
    if (entry === undefined) return undefined;
    if (epoch === this.#epoch && this.#bus.healthy) {
      const remaining = entry.expiresAt === undefined ? this.#memoryTtlMs : entry.expiresAt - Date.now();
      const ttl = Math.min(remaining, this.#memoryTtlMs);
      if (ttl >= 1) await this.#memory.set(key, entry.json, ttl);
    }
    return entry.json;
  }

  /** Redis, then memory, then tells the other instances. */
  async set(key: string, json: string, ttlMs: number): Promise<void> {
    await this.#bus.start();
    await this.#remote.set(key, json, ttlMs);
    this.#epoch++;
    if (this.#bus.healthy) await this.#memory.set(key, json, Math.min(ttlMs, this.#memoryTtlMs));
    else await this.#memory.delete(key);
    await this.#bus.publish({ type: 'key', key });
  }

  /** Removes `key` everywhere; true when Redis had it. */
  async delete(key: string): Promise<boolean> {
    await this.#bus.start();
    const removed = await this.#remote.delete(key);
    this.#dropLocal({ type: 'key', key });
    await this.#bus.publish({ type: 'key', key });
    return removed;
  }

  /** Redis decides (memory may lack a key that Redis holds). */
  async has(key: string): Promise<boolean> {
    await this.#bus.start();
    if (this.#bus.healthy && (await this.#memory.has(key))) return true;
    return this.#remote.has(key);
  }

  /** Invalidates in Redis (whose count is returned), in memory, and on every other instance. */
  async deleteMatching(glob: string, regex: RegExp): Promise<number> {
    await this.#bus.start();
    const removed = await this.#remote.deleteMatching(glob, regex);
    this.#dropLocal({ type: 'pattern', glob });
    await this.#bus.publish({ type: 'pattern', glob });
    return removed;
  }

  /** Empties the namespace in Redis, in memory, and on every other instance. */
  async clear(): Promise<void> {
    await this.#bus.start();
    await this.#remote.clear();
    this.#dropLocal({ type: 'clear' });
    await this.#bus.publish({ type: 'clear' });
  }

  /** Evictions of the memory tier; Redis cannot count the namespace cheaply. */
  usage(): CacheStoreUsage {
    return { entries: null, bytes: null, evictions: this.#memory.usage().evictions };
  }

  /** Entries and bytes of the memory tier alone (for tests and monitoring). */
  memoryUsage(): CacheStoreUsage {
    return this.#memory.usage();
  }

  /** Closes the subscription, the Redis connection and the memory tier. */
  async close(): Promise<void> {
    await this.#bus.close();
    await this.#remote.close();
    await this.#memory.close();
  }

  #dropLocal(message: Invalidation): void {
    this.#epoch++;
    // LruStore's methods are synchronous underneath; nothing to await that could interleave.
    if (message.type === 'key') void this.#memory.delete(message.key);
    else if (message.type === 'pattern')
      void this.#memory.deleteMatching(message.glob, globToRegExp(message.glob));
    else void this.#memory.clear();
  }
}
