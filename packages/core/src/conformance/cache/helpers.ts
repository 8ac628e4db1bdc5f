import { sleep } from '../assert.js';

/** Retries `check` until it passes or `timeoutMs` runs out (for cross-instance propagation). */
export async function eventually(check: () => Promise<void>, timeoutMs = 1000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (err) {
      if (Date.now() >= deadline) throw err;
      await sleep(20);
    }
  }
}

/** A loader that counts its calls and resolves `value` after `delayMs`. */
export function countingLoader<T>(value: T, delayMs = 50): { calls: () => number; load: () => Promise<T> } {
  let calls = 0;
  return {
    calls: () => calls,
    load: async () => {
      calls++;
      await sleep(delayMs);
      return value;
    },
  };
}

/** A loader that resolves `value` only once `release()` is called; `started` settles when it is first called. */
export function gatedLoader<T>(value: T): {
  calls: () => number;
  load: () => Promise<T>;
  started: Promise<void>;
  release: () => void;
} {
  let calls = 0;
  let markStarted: () => void = () => undefined;
  let release: () => void = () => undefined;
  const started = new Promise<void>((resolve) => {
    markStarted = resolve;
  });
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  return {
    calls: () => calls,
    load: async () => {
      calls++;
      markStarted();
      await gate;
      return value;
    },
    started,
    release,
  };
}
