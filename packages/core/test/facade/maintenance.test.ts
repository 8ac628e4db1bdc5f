import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  type MaintenanceEvent,
  MaintenanceScheduler,
  type VideoPrivacyStorage,
} from '../../src/facade/index.js';
import type { CleanupOptions } from '../../src/files/cleanup.js';
import { FileManager } from '../../src/files/file-manager.js';
import { MemoryFileStore } from '../../src/memory/index.js';
import { memoryFacade } from './helpers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let facade: VideoPrivacyStorage | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await facade?.close();
  facade = undefined;
});

describe('facade maintenance', () => {
  it('never overlaps runs, skips ticks while one is in progress, and stops on close', async () => {
    const files = new MemoryFileStore();
    const real = new FileManager(files);
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    // A cleanup slower than its interval: without the guard, runs would pile up.
    const slow = Object.assign(Object.create(real) as FileManager, {
      cleanup: async (options: CleanupOptions) => {
        active += 1;
        runs += 1;
        maxActive = Math.max(maxActive, active);
        await sleep(60);
        const result = await real.cleanup(options);
        active -= 1;
        return result;
      },
    });
    facade = await memoryFacade({ files, fileManager: slow });
    const events: MaintenanceEvent[] = [];
    facade.startMaintenance({ cleanupIntervalMs: 10, vacuumIntervalMs: 15, onEvent: (e) => events.push(e) });
    await sleep(300);
    expect(runs).toBeGreaterThanOrEqual(2);
    expect(maxActive).toBe(1);
    expect(events.some((e) => e.task === 'cleanup' && e.outcome === 'skipped')).toBe(true);
    expect(events.some((e) => e.task === 'vacuum' && e.outcome === 'done')).toBe(true);

    await facade.close();
    expect(active).toBe(0); // close waited for the run in progress
    const after = runs;
    const eventsAfter = events.length;
    await sleep(100);
    expect(runs).toBe(after);
    expect(events.length).toBe(eventsAfter);
  });

  it('unrefs its timers so they never keep the process alive', async () => {
    const spy = vi.spyOn(globalThis, 'setInterval');
    const scheduler = new MaintenanceScheduler([{ name: 'noop', intervalMs: 1000, run: async () => {} }]);
    const timer = spy.mock.results[0]?.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    await scheduler.stop();
  });

  it('reports a failing run and keeps going', async () => {
    const events: MaintenanceEvent[] = [];
    let calls = 0;
    const scheduler = new MaintenanceScheduler(
      [
        {
          name: 'boom',
          intervalMs: 10,
          run: async () => {
            calls += 1;
            throw new Error('nope');
          },
        },
      ],
      (e) => events.push(e),
    );
    await sleep(80);
    await scheduler.stop();
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(events.filter((e) => e.outcome === 'failed').length).toBe(calls);
  });

  it('refuses a second start while running', async () => {
    facade = await memoryFacade();
    facade.startMaintenance({ cleanupIntervalMs: 1000, vacuumIntervalMs: 1000 });
    expect(() => facade?.startMaintenance()).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
  });
});
