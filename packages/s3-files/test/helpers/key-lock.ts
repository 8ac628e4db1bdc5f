// A per-name async mutex: the patched s3rver store uses it to make each object's bytes and
// metadata change together, as one S3 write does.

/** Runs critical sections one at a time per name. */
export class KeyLock {
  readonly #tails = new Map<string, Promise<void>>();

  /** Runs `fn` once every earlier section of `name` has finished. */
  async run<T>(name: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(name) ?? Promise.resolve();
    let release = (): void => {};
    const tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    const chained = previous.then(() => tail);
    this.#tails.set(name, chained);
    await previous;
    try {
      return await fn();
    } finally {
      release();
      if (this.#tails.get(name) === chained) this.#tails.delete(name);
    }
  }
}
