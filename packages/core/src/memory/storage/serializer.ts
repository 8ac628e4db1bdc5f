import { AsyncLocalStorage } from 'node:async_hooks';

/** What a transaction's async context carries: cleared when the transaction ends. */
interface TransactionToken {
  active: boolean;
}

/**
 * Runs calls one at a time, so a transaction's snapshot and rollback never lose a concurrent
 * caller's write. Calls made from inside a running transaction (same async context) run at once
 * instead of waiting for the lock they already hold. A continuation created inside the transaction
 * (a timer, an un-awaited promise) that runs after it ended is outside again: the token is cleared.
 */
export class Serializer {
  private tail: Promise<void> = Promise.resolve();
  private readonly context = new AsyncLocalStorage<TransactionToken>();

  /** True when called from inside a transaction's callback while that transaction runs. */
  insideTransaction(): boolean {
    return this.context.getStore()?.active === true;
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
    const token: TransactionToken = { active: true };
    try {
      return asTransaction ? await this.context.run(token, fn) : await fn();
    } finally {
      token.active = false;
      release();
    }
  }
}
