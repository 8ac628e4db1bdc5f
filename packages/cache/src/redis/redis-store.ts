import type { CacheStore, CacheStoreUsage } from '@vpe-storage/core';
import type { RedisConnection } from './redis-connection.js';
import { toRedisMatch } from './redis-glob.js';

/** One entry as Redis holds it: the JSON text and its expiry (epoch milliseconds). */
export interface RedisEntry {
  json: string;
  expiresAt: number | undefined;
}

const SCAN_COUNT = 1000;

/** A CacheStore on Redis: values through keyv + @keyv/redis, patterns through SCAN MATCH + UNLINK. */
export class RedisStore implements CacheStore {
  readonly #conn: RedisConnection;

  /** Uses `conn` (connected on first call). */
  constructor(conn: RedisConnection) {
    this.#conn = conn;
  }

  /** The JSON of `key`, or undefined. */
  async get(key: string): Promise<string | undefined> {
    return (await this.getEntry(key))?.json;
  }

  /** The JSON and expiry of `key`, or undefined (what a memory tier needs to copy it). */
  async getEntry(key: string): Promise<RedisEntry | undefined> {
    const { keyv } = await this.#conn.handles();
    try {
      const raw = await keyv.get(key, { raw: true });
      if (raw === undefined || typeof raw.value !== 'string') return undefined;
      return { json: raw.value, expiresAt: raw.expires ?? undefined };
    } catch (err) {
      throw this.#conn.error(err, 'read a key');
    }
  }

  /** Stores `json` with a PX expiry of `ttlMs`. */
  async set(key: string, json: string, ttlMs: number): Promise<void> {
    const { keyv } = await this.#conn.handles();
    try {
      await keyv.set(key, json, ttlMs);
    } catch (err) {
      throw this.#conn.error(err, 'write a key');
    }
  }

  /** Removes `key`; true when it existed. */
  async delete(key: string): Promise<boolean> {
    const { client } = await this.#conn.handles();
    try {
      // UNLINK's reply says whether the key existed; keyv's delete does not tell reliably.
      return (await client.unlink(this.#conn.prefix + key)) > 0;
    } catch (err) {
      throw this.#conn.error(err, 'delete a key');
    }
  }

  /** True when `key` exists (Redis drops expired keys itself). */
  async has(key: string): Promise<boolean> {
    const { keyv } = await this.#conn.handles();
    try {
      return await keyv.has(key);
    } catch (err) {
      throw this.#conn.error(err, 'check a key');
    }
  }

  /** SCANs the namespace in batches for a superset of the glob, filters exactly, UNLINKs the matches. */
  async deleteMatching(glob: string, regex: RegExp): Promise<number> {
    const { client } = await this.#conn.handles();
    const prefix = this.#conn.prefix;
    const match = toRedisMatch(prefix, glob);
    let removed = 0;
    try {
      let cursor = '0';
      do {
        const reply = await client.scan(cursor, { MATCH: match, COUNT: SCAN_COUNT });
        cursor = String(reply.cursor);
        const batch = reply.keys.filter((k) => k.startsWith(prefix) && regex.test(k.slice(prefix.length)));
        // SCAN may return a key twice; UNLINK counts each key once, so the total stays exact.
        if (batch.length > 0) removed += await client.unlink(batch);
      } while (cursor !== '0');
    } catch (err) {
      throw this.#conn.error(err, `invalidate ${JSON.stringify(glob)}`);
    }
    return removed;
  }

  /** Removes every key of the namespace. */
  async clear(): Promise<void> {
    await this.deleteMatching('*', /^[\s\S]*$/u);
  }

  /** Redis cannot count one namespace cheaply. */
  usage(): CacheStoreUsage {
    return { entries: null, bytes: null, evictions: 0 };
  }

  /** Closes the connection. */
  async close(): Promise<void> {
    await this.#conn.close();
  }
}
