import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The database whose `transaction(fn)` is running in the current async context. A storage refuses a
 * nested `transaction(fn)` (CONFLICT); a root repository call from inside `fn` joins the open
 * transaction instead of waiting for it (which would deadlock a single-connection driver).
 */
export const transactionScope = new AsyncLocalStorage<object>();

/** True when the current async context is inside a transaction of `owner`. */
export function insideTransactionOf(owner: object): boolean {
  return transactionScope.getStore() === owner;
}
