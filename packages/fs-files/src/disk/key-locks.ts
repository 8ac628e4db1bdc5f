/** Serialises the commit step (rename + sidecar) per key inside one process, so data and sidecar land as a pair. */
export class KeyLocks {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `fn` once every earlier holder of all `keys` is done (keys are taken in sorted order: no deadlock). */
  async run<T>(keys: readonly string[], fn: () => Promise<T>): Promise<T> {
    const sorted = [...new Set(keys)].sort();
    let release!: () => void;
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    const waits: Promise<void>[] = [];
    const tails: Promise<void>[] = [];
    for (const key of sorted) {
      const prev = this.tails.get(key) ?? Promise.resolve();
      const tail = prev.then(() => done);
      this.tails.set(key, tail);
      waits.push(prev);
      tails.push(tail);
    }
    await Promise.all(waits);
    try {
      return await fn();
    } finally {
      release();
      sorted.forEach((key, i) => {
        if (this.tails.get(key) === tails[i]) this.tails.delete(key);
      });
    }
  }
}
