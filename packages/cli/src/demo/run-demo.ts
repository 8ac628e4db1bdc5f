import { join } from 'node:path';
import type { IntegrityReport } from '@vpe-storage/core';
import { openFacade } from '../cli/context.js';
import { initialize } from '../commands/init.js';
import { CONFIG_FILE, DEFAULT_URLS } from '../config/config-file.js';
import { freshDemoFolder } from './demo-folder.js';
import { demoSteps, type StepRunner } from './demo-steps.js';

/** Options of {@link runDemo}. */
export interface DemoOptions {
  dir: string;
  detections: number;
  /** Called as each step finishes (for live output). */
  onStep?: (step: DemoStep) => void;
}

/** One timed step. */
export interface DemoStep {
  name: string;
  ms: number;
  detail: string;
}

/** What the demo did, for the summary. */
export interface DemoSummary {
  dir: string;
  config: string;
  videoId: string;
  timelineId: string;
  jobId: string;
  steps: DemoStep[];
  totalMs: number;
  rows: Record<string, number>;
  databaseBytes: number | null;
  files: Record<string, { files: number; bytes: number }>;
  cache: { hits: number; misses: number };
  integrity: IntegrityReport;
}

/**
 * The main job end to end on the embedded default (SQLite + local folder + memory cache), in a fresh folder:
 * init, then the demo steps (ingest … integrity check), then the figures.
 */
export async function runDemo(options: DemoOptions): Promise<DemoSummary> {
  const steps: DemoStep[] = [];
  const started = performance.now();
  const step: StepRunner = async (name, fn, detail) => {
    const t0 = performance.now();
    const value = await fn();
    const done = { name, ms: Math.round((performance.now() - t0) * 10) / 10, detail: detail(value) };
    steps.push(done);
    options.onStep?.(done);
    return value;
  };

  const dir = await freshDemoFolder(options.dir);
  const init = await step(
    'init',
    // The demo always runs on the embedded default, whatever VPE_* variables say.
    () => initialize({ configPath: join(dir, CONFIG_FILE), ...DEFAULT_URLS, env: {} }),
    (r) => `${r.configPath}, schema v${r.schemaVersion}`,
  );
  const facade = await openFacade(init.loaded);
  try {
    const { video, timeline, job, integrity } = await demoSteps(facade, options.detections, step);
    const stats = await facade.stats({ files: true });
    const cache = facade.cache.stats();
    return {
      dir,
      config: init.configPath,
      videoId: video.id,
      timelineId: timeline.id,
      jobId: job.id,
      steps,
      totalMs: Math.round(performance.now() - started),
      rows: stats.storage.rows,
      databaseBytes: stats.storage.sizeBytes,
      files: Object.fromEntries(
        Object.entries(stats.files ?? {}).filter(([, s]) => s !== undefined),
      ) as DemoSummary['files'],
      cache: { hits: cache.hits, misses: cache.misses },
      integrity,
    };
  } finally {
    await facade.close();
  }
}
