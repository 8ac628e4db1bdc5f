/** A FIFO lock: one holder at a time, waiters served in arrival order. */
export class Mutex {
  private locked = false;
  private readonly waiters: (() => void)[] = [];

  /** True when nobody holds or waits for the lock (a statement may run at once). */
  get idle(): boolean {
    return !this.locked;
  }

  /** Runs `fn` holding the lock. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.locked) await new Promise<void>((resolve) => this.waiters.push(resolve));
    else this.locked = true;
    try {
      return await fn();
    } finally {
      const next = this.waiters.shift();
      // Hand the lock over without releasing it, so no newcomer slips in between.
      if (next) next();
      else this.locked = false;
    }
  }
}
