import type { StorageError } from '@vpe-storage/core';

/** Pauses before each retry of a read whose connection was lost (about 3 s in all: a server restart). */
export const READ_RETRY_DELAYS_MS: readonly number[] = [50, 150, 300, 600, 900, 1200];

const READ_ONLY = /^\s*SELECT\b/i;
const LOCKING = /\bFOR\s+(UPDATE|SHARE|NO\s+KEY\s+UPDATE|KEY\s+SHARE)\b/i;

/** True for a statement that only reads, so running it twice is harmless. */
export function isIdempotentRead(sql: string): boolean {
  return READ_ONLY.test(sql) && !LOCKING.test(sql);
}

/** True when retrying may help: the connection was lost or the server was starting or stopping. */
export function isRetryableLoss(err: StorageError): boolean {
  return err.code === 'UNAVAILABLE' && err.retryable;
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
