import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Runs calls one at a time, so a transaction's snapshot and rollback never lose a concurrent
 * caller's write. Calls made from inside a transaction (same async context) run at once instead
 * of waiting for the lock they already hold.
 */
export class Serializer {
  private tail: Promise<void> = Promise.resolve();
  private readonly context = new AsyncLocalStorage<true>();

  /** True when called from inside a transaction's callback. */
  insideTransaction(): boolean {
    return this.context.getStore() === true;
  }

  /** Runs `fn` alone: after every earlier call has settled, before any later one starts. */
  async exclusive<T>(fn: () => Promise<T>, asTransaction = false): Promise<T> {
    if (this.insideTransaction()) return fn();
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    try {
      return asTransaction ? await this.context.run(true, fn) : await fn();
    } finally {
      release();
    }
  }
}
