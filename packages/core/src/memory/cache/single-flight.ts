/** What a load started by {@link SingleFlight.run} can ask about itself. */
export interface Flight {
  /** True once an invalidation detached the load: its result must not be stored. */
  readonly stale: boolean;
}

interface Running<T> {
  promise: Promise<T>;
  state: { stale: boolean };
}

/** Runs at most one load per key at a time: callers arriving during a load share its promise. */
export class SingleFlight<T> {
  readonly #inflight = new Map<string, Running<T>>();

  /** The running load of `key`, if any. */
  current(key: string): Promise<T> | undefined {
    return this.#inflight.get(key)?.promise;
  }

  /** Joins the running load of `key`, or starts `load` (forgotten once it settles, so errors are not kept). */
  run(key: string, load: (flight: Flight) => Promise<T>): Promise<T> {
    const running = this.#inflight.get(key);
    if (running) return running.promise;
    const state = { stale: false };
    const promise = (async () => {
      try {
        // Deferred one tick, so even a loader that throws synchronously settles after it is registered.
        return await Promise.resolve().then(() => load(state));
      } finally {
        if (this.#inflight.get(key)?.state === state) this.#inflight.delete(key);
      }
    })();
    this.#inflight.set(key, { promise, state });
    return promise;
  }

  /** Marks the running load of `key` stale and forgets it, so the next caller starts a fresh load. */
  invalidate(key: string): void {
    const running = this.#inflight.get(key);
    if (!running) return;
    running.state.stale = true;
    this.#inflight.delete(key);
  }

  /** {@link invalidate} for every running load whose key satisfies `matches`. */
  invalidateWhere(matches: (key: string) => boolean): void {
    for (const key of [...this.#inflight.keys()]) if (matches(key)) this.invalidate(key);
  }
}
