import KeyvRedis, { createClient, Keyv } from '@keyv/redis';
import { StorageError } from '@vpe-storage/core';
import { passwordOf, redactUrl } from '../url/redact-url.js';
import { toStorageError } from './redis-errors.js';

/** A connected node-redis client (the type `createClient` returns). */
export type RedisClient = ReturnType<typeof createClient>;

/** How to reach Redis. */
export interface RedisConnectionOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…` for TLS. */
  url: string;
  /** Prefix of every key, followed by `:`. Empty means no prefix (clear then empties the whole database). */
  namespace: string;
  /** Give up connecting after this long. Default 5000. */
  connectTimeoutMs?: number;
}

/** What a connection hands out once Redis answered. */
export interface RedisHandles {
  client: RedisClient;
  keyv: Keyv<string>;
}

/**
 * One lazily opened Redis connection: the first call connects, a failed connect is forgotten so the
 * next call tries again. Connection failures fail fast (no endless retry on the first connect);
 * once connected, a lost connection reconnects in the background while calls fail with UNAVAILABLE
 * instead of queueing.
 */
export class RedisConnection {
  readonly safeUrl: string;
  readonly password: string;
  readonly namespace: string;
  readonly #url: string;
  readonly #connectTimeoutMs: number;
  #opening: Promise<RedisHandles> | undefined;
  #closed = false;

  /** Does not connect yet. */
  constructor(options: RedisConnectionOptions) {
    this.#url = options.url;
    this.safeUrl = redactUrl(options.url);
    this.password = passwordOf(options.url);
    this.namespace = options.namespace;
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 5000;
  }

  /** The key prefix: `namespace:` (or nothing for an empty namespace). */
  get prefix(): string {
    return this.namespace === '' ? '' : `${this.namespace}:`;
  }

  /** The connected client and keyv, connecting on first use. */
  handles(): Promise<RedisHandles> {
    if (this.#closed)
      return Promise.reject(new StorageError('CLOSED', 'the Redis cache is closed: open a new one'));
    this.#opening ??= this.#open().catch((err: unknown) => {
      this.#opening = undefined;
      throw err;
    });
    return this.#opening;
  }

  /** A second connection to the same server (pub/sub needs its own), connected, named `clientName`. */
  async duplicate(clientName: string): Promise<RedisClient> {
    const client = this.#newClient(clientName);
    try {
      await client.connect();
      return client;
    } catch (err) {
      discard(client);
      throw this.error(err, 'connect');
    }
  }

  /** Maps a driver failure to a StorageError that names the redacted URL. */
  error(err: unknown, action: string): StorageError {
    return toStorageError(err, this.safeUrl, this.password, action);
  }

  /** Closes the connection (waiting for an open in progress). Closing twice is harmless. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const opening = this.#opening;
    if (!opening) return;
    const handles = await opening.catch(() => undefined);
    if (handles?.client.isOpen) await handles.client.close().catch(() => discard(handles.client));
  }

  async #open(): Promise<RedisHandles> {
    const client = this.#newClient(`vpe-storage-cache:${this.namespace}`);
    try {
      await client.connect();
    } catch (err) {
      discard(client);
      throw this.error(err, 'connect');
    }
    const store = new KeyvRedis<string>(client, {
      namespace: this.namespace === '' ? undefined : this.namespace,
      keyPrefixSeparator: ':',
      throwOnErrors: true,
      throwOnConnectError: true,
    });
    // Our values are already JSON text; plain JSON for keyv's envelope avoids its ':'-string quirks.
    const keyv = new Keyv<string>({
      store,
      namespace: this.namespace === '' ? undefined : this.namespace,
      useKeyPrefix: false,
      throwOnErrors: true,
      serialize: JSON.stringify,
      deserialize: JSON.parse,
    });
    // Keyv defaults its namespace to "keyv" unless told otherwise (as @keyv/redis's createKeyv does).
    keyv.namespace = this.namespace === '' ? undefined : this.namespace;
    // Failures are thrown to the caller; the events only need a listener so they are not fatal.
    store.on('error', () => {});
    keyv.on('error', () => {});
    return { client, keyv };
  }

  #newClient(clientName: string): RedisClient {
    let connectedOnce = false;
    const client = createClient({
      url: this.#url,
      // CLIENT SETNAME refuses spaces and newlines; the name only helps operators read CLIENT LIST.
      name: clientName.replace(/[^\w:.-]/g, '_'),
      disableOfflineQueue: true,
      socket: {
        connectTimeout: this.#connectTimeoutMs,
        // The first connect fails fast; a connection that worked before is retried with backoff.
        reconnectStrategy: (retries: number, cause: Error) =>
          connectedOnce ? Math.min(50 * 2 ** retries, 2000) : cause,
      },
    });
    client.on('ready', () => {
      connectedOnce = true;
    });
    // node-redis emits errors on every failed reconnect; calls report them as UNAVAILABLE.
    client.on('error', () => {});
    return client as RedisClient;
  }
}

/** Drops a client that failed or hangs; node-redis throws when it is already closed, which is fine here. */
export function discard(client: RedisClient): void {
  try {
    client.destroy();
  } catch {
    // already closed
  }
}
