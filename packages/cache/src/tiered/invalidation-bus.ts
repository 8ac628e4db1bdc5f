import { randomUUID } from 'node:crypto';
import { discard, type RedisClient, type RedisConnection } from '../redis/redis-connection.js';

/** What one instance tells the others to drop from their memory tier. */
export type Invalidation =
  | { type: 'key'; key: string }
  | { type: 'pattern'; glob: string }
  | { type: 'clear' };

interface Envelope {
  /** The publishing instance, which ignores its own messages. */
  origin: string;
  message: Invalidation;
}

/** Callbacks of an {@link InvalidationBus}. */
export interface InvalidationHandlers {
  /** Another instance changed Redis: drop the local copy. */
  onInvalidation(message: Invalidation): void;
  /** The subscription was lost or came back: messages may have been missed, drop everything. */
  onReset(): void;
}

/**
 * Redis pub/sub on one channel per namespace. Every write of a tiered cache publishes here so every
 * instance drops its in-process copy. While the subscriber connection is down, `healthy` is false and
 * the tiered cache must not serve from memory (it might miss invalidations).
 */
export class InvalidationBus {
  readonly #conn: RedisConnection;
  readonly #channel: string;
  readonly #handlers: InvalidationHandlers;
  readonly #origin = randomUUID();
  #subscriber: RedisClient | undefined;
  #starting: Promise<void> | undefined;
  #healthy = false;

  /** Does not subscribe yet. */
  constructor(conn: RedisConnection, handlers: InvalidationHandlers) {
    this.#conn = conn;
    this.#channel = `vpe-storage:cache-invalidation:${conn.namespace}`;
    this.#handlers = handlers;
  }

  /** True while the subscription is live, so no invalidation can be missed. */
  get healthy(): boolean {
    return this.#healthy;
  }

  /** Subscribes on first call (UNAVAILABLE when Redis does not answer; the next call retries). */
  start(): Promise<void> {
    this.#starting ??= this.#subscribe().catch((err: unknown) => {
      this.#starting = undefined;
      throw err;
    });
    return this.#starting;
  }

  /** Tells the other instances to drop what `message` names. */
  async publish(message: Invalidation): Promise<void> {
    const { client } = await this.#conn.handles();
    const envelope: Envelope = { origin: this.#origin, message };
    try {
      await client.publish(this.#channel, JSON.stringify(envelope));
    } catch (err) {
      throw this.#conn.error(err, 'publish an invalidation');
    }
  }

  /** Unsubscribes and closes the subscriber connection. */
  async close(): Promise<void> {
    this.#healthy = false;
    await this.#starting?.catch(() => undefined);
    const sub = this.#subscriber;
    this.#subscriber = undefined;
    if (sub?.isOpen) await sub.close().catch(() => discard(sub));
  }

  async #subscribe(): Promise<void> {
    const sub = await this.#conn.duplicate(`vpe-storage-invalidation:${this.#conn.namespace}`);
    sub.on('error', () => this.#lost());
    sub.on('end', () => this.#lost());
    // node-redis resubscribes on reconnect before 'ready'; anything published meanwhile was missed.
    sub.on('ready', () => {
      if (this.#subscriber !== sub || this.#healthy) return;
      this.#handlers.onReset();
      this.#healthy = true;
    });
    try {
      await sub.subscribe(this.#channel, (raw) => this.#receive(raw));
    } catch (err) {
      discard(sub);
      throw this.#conn.error(err, 'subscribe to invalidations');
    }
    this.#subscriber = sub;
    this.#healthy = true;
  }

  #lost(): void {
    if (!this.#healthy) return;
    this.#healthy = false;
    this.#handlers.onReset();
  }

  #receive(raw: string): void {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(raw) as Envelope;
    } catch {
      // Not ours: someone else published on the channel. Dropping everything is the safe reading.
      this.#handlers.onReset();
      return;
    }
    if (envelope.origin === this.#origin) return;
    this.#handlers.onInvalidation(envelope.message);
  }
}
