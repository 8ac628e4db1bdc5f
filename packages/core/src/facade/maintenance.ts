/** One periodic task of the scheduler. */
export interface MaintenanceTask {
  name: string;
  intervalMs: number;
  run: () => Promise<unknown>;
}

/** What the scheduler reports after each run (or skipped tick). */
export interface MaintenanceEvent {
  task: string;
  outcome: 'done' | 'failed' | 'skipped';
  durationMs: number;
  error?: unknown;
}

/**
 * Runs tasks at fixed intervals in the background. A task whose previous run is still going skips the tick
 * (runs never overlap), timers are `unref()`ed so they never keep the process alive, and `stop()` clears
 * them and waits for runs in progress.
 */
export class MaintenanceScheduler {
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Map<string, Promise<void>>();
  private stopped = false;

  /** Starts one timer per task; `onEvent` hears every run, failure and skipped tick. */
  constructor(
    tasks: readonly MaintenanceTask[],
    private readonly onEvent: (event: MaintenanceEvent) => void = () => {},
  ) {
    for (const task of tasks) {
      const timer = setInterval(() => this.tick(task), task.intervalMs);
      timer.unref();
      this.timers.push(timer);
    }
  }

  /** Whether a run of `name` is in progress. */
  isRunning(name: string): boolean {
    return this.running.has(name);
  }

  /** Clears the timers and waits for the runs in progress; idempotent. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    await Promise.allSettled([...this.running.values()]);
  }

  private tick(task: MaintenanceTask): void {
    if (this.stopped) return;
    if (this.running.has(task.name)) {
      this.emit({ task: task.name, outcome: 'skipped', durationMs: 0 });
      return;
    }
    const started = Date.now();
    const run = task
      .run()
      .then(
        () => this.emit({ task: task.name, outcome: 'done', durationMs: Date.now() - started }),
        (error: unknown) =>
          this.emit({ task: task.name, outcome: 'failed', durationMs: Date.now() - started, error }),
      )
      .finally(() => this.running.delete(task.name));
    this.running.set(task.name, run);
  }

  private emit(event: MaintenanceEvent): void {
    try {
      this.onEvent(event);
    } catch {
      // A listener's bug must not kill the maintenance loop.
    }
  }
}
