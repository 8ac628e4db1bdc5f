/** Runs at most one load per key at a time: callers arriving during a load share its promise. */
export class SingleFlight<T> {
  readonly #inflight = new Map<string, Promise<T>>();

  /** The running load of `key`, if any. */
  current(key: string): Promise<T> | undefined {
    return this.#inflight.get(key);
  }

  /** Joins the running load of `key`, or starts `load` (forgotten once it settles, so errors are not kept). */
  run(key: string, load: () => Promise<T>): Promise<T> {
    const running = this.#inflight.get(key);
    if (running) return running;
    const promise = (async () => {
      try {
        return await load();
      } finally {
        this.#inflight.delete(key);
      }
    })();
    this.#inflight.set(key, promise);
    return promise;
  }
}
