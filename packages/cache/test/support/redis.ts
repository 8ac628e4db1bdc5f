import { randomBytes } from 'node:crypto';
import { createClient } from '@keyv/redis';
import type { Cache } from '@vpe-storage/core';
import type { CacheFixture } from '@vpe-storage/core/conformance';
import { RedisCache } from '../../src/index.js';
import { redactUrl } from '../../src/url/redact-url.js';

/** The Redis the tests use. */
export const REDIS_URL = process.env.VPE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Every key and channel of this test run starts with it; removed afterwards. */
export const RUN_PREFIX = `vpe-test-${randomBytes(5).toString('hex')}`;

/**
 * True when Redis answers PING. When it does not: under CI=true this throws (the run must fail);
 * otherwise it prints a loud warning and the Redis tests are skipped.
 */
export async function redisAvailable(): Promise<boolean> {
  const client = createClient({ url: REDIS_URL, socket: { connectTimeout: 2000, reconnectStrategy: false } });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.ping();
    await client.close();
    return true;
  } catch (err) {
    try {
      client.destroy();
    } catch {
      // already closed by the failed connect
    }
    const message = `Redis is not answering at ${redactUrl(REDIS_URL)} (${(err as Error).message}); set VPE_TEST_REDIS_URL or start Redis`;
    if (process.env.CI === 'true') throw new Error(`${message}. CI=true: a missing Redis fails the run.`);
    console.warn(`\n${'!'.repeat(80)}\n!!! SKIPPING the Redis cache tests: ${message}\n${'!'.repeat(80)}\n`);
    return false;
  }
}

/** Unlinks every key of this run (whatever a failed case left behind). */
export async function removeRunKeys(): Promise<number> {
  const client = createClient({ url: REDIS_URL, socket: { reconnectStrategy: false } });
  client.on('error', () => {});
  await client.connect();
  let removed = 0;
  try {
    let cursor = '0';
    do {
      const reply = await client.scan(cursor, { MATCH: `${RUN_PREFIX}*`, COUNT: 1000 });
      cursor = String(reply.cursor);
      if (reply.keys.length > 0) removed += await client.unlink(reply.keys);
    } while (cursor !== '0');
  } finally {
    await client.close();
  }
  return removed;
}

/** A fresh namespace under this run's prefix. */
export function freshNamespace(): string {
  return `${RUN_PREFIX}:${randomBytes(4).toString('hex')}`;
}

/**
 * A conformance fixture for a cache shared through Redis: a fresh namespace, peers on the same namespace, and a
 * dispose that removes the namespace's keys through a separate instance (a case may have closed its cache).
 */
export function sharedCacheFixture(open: (namespace: string) => Cache): () => Promise<CacheFixture> {
  return async () => {
    const namespace = freshNamespace();
    const cache = open(namespace);
    const peers: Cache[] = [];
    return {
      cache,
      peer: async () => {
        const peer = open(namespace);
        peers.push(peer);
        return peer;
      },
      dispose: async () => {
        const cleaner = new RedisCache({ url: REDIS_URL, namespace });
        await cleaner.clear();
        await Promise.all([cleaner.close(), cache.close(), ...peers.map((p) => p.close())]);
      },
    };
  };
}
