import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { PostgresStorage } from '../src/index.js';
import { fixture, runChild } from './helpers/child.js';
import { createTestDatabase, serverAvailable } from './helpers/server.js';

const WORKERS = 4;
const JOBS = 1000;
const available = await serverAvailable();

interface WorkerResult {
  ok: boolean;
  claimed?: string[];
  pendingAtExit?: number;
  code?: string;
  message?: string;
}

describe.skipIf(!available)('claimNext with FOR UPDATE SKIP LOCKED', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  test(`${WORKERS} worker processes draining ${JOBS} jobs claim each exactly once`, {
    timeout: 180_000,
  }, async () => {
    const db = await createTestDatabase('vpe_skip');
    cleanups.push(db.drop);
    const storage = new PostgresStorage({ url: db.url });
    await storage.initialize();
    cleanups.push(() => storage.close());
    await storage.videos.create({
      id: 'v',
      filename: 'v.mp4',
      fileKey: 'videos/v.mp4',
      duration: 60,
      frameRate: 30,
      width: 640,
      height: 480,
      fileSize: 1,
    });
    await storage.timelines.save({
      id: 't',
      videoId: 'v',
      data: { videoDuration: 60, frameRate: 30, blurRegions: [] },
    });
    for (let i = 0; i < JOBS; i++) {
      await storage.jobs.create({ id: `job-${String(i).padStart(4, '0')}`, videoId: 'v', timelineId: 't' });
    }

    const startAt = Date.now() + 4000;
    const runs = await Promise.all(
      Array.from({ length: WORKERS }, (_, i) =>
        runChild<WorkerResult>(fixture('claim-worker.ts'), [db.url, `worker-${i}`, String(startAt)]),
      ),
    );
    for (const run of runs) {
      expect(run.result, run.stderr).toMatchObject({ ok: true });
      expect(run.status).toBe(0);
    }
    const perWorker = runs.map((r) => r.result?.claimed ?? []);
    const all = perWorker.flat();
    expect(all.length).toBe(JOBS);
    expect(new Set(all).size).toBe(JOBS);
    // They really ran side by side: every worker got a share (a worker that saw a locked row as the
    // end of the queue would stop early and leave jobs pending).
    for (const claimed of perWorker) expect(claimed.length).toBeGreaterThan(0);
    // No worker gave up early: a claim skips rows other workers hold instead of waiting and missing.
    for (const run of runs) expect(run.result?.pendingAtExit).toBeLessThan(WORKERS);

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        'SELECT status, count(*)::int AS n, count(DISTINCT worker_id)::int AS workers FROM processing_jobs GROUP BY status',
      );
      expect(rows).toEqual([{ status: 'completed', n: JOBS, workers: WORKERS }]);
      // Each job's stored worker is the process that reported claiming it.
      const owners = new Map(perWorker.flatMap((ids, w) => ids.map((id) => [id, `worker-${w}`] as const)));
      const stored = await client.query('SELECT id, worker_id FROM processing_jobs');
      for (const r of stored.rows) expect(r.worker_id).toBe(owners.get(r.id));
    } finally {
      await client.end();
    }
  });
});
