import { isStorageError, type StorageError } from '@vpe-storage/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PostgresStorage } from '../src/index.js';
import {
  clusterUnsupportedReason,
  startThrowawayCluster,
  type ThrowawayCluster,
} from './helpers/throwaway-cluster.js';

const WRITERS = 4;
/** Generous bound on how long after the server is back a writer's next write succeeds. */
const RESUME_BOUND_MS = 5000;

const unsupported = clusterUnsupportedReason();
if (unsupported) {
  if (process.env.CI === 'true') throw new Error(`restart tests cannot run: ${unsupported}`);
  console.warn(`\n!!! SKIPPING the PostgreSQL restart tests: ${unsupported} !!!\n`);
}

interface Writer {
  acked: string[];
  errors: StorageError[];
  /** Reads that failed (the adapter retries reads for about 3 s). */
  readErrors: number;
  successes: number[];
  stop(): Promise<void>;
}

/**
 * One writer on its own storage (own pool): scenes one statement each, every fifth a batch of five
 * detections (a transaction with COPY), a read of its video in between. Records what was acknowledged.
 */
function startWriter(storage: PostgresStorage, name: string): Writer {
  const w: Writer = { acked: [], errors: [], readErrors: 0, successes: [], stop: async () => undefined };
  let running = true;
  const loop = (async () => {
    for (let i = 0; running; i++) {
      try {
        if (i % 5 === 0) {
          const ids = Array.from({ length: 5 }, (_, k) => `${name}-d${i}-${k}`);
          await storage.detections.insertMany(
            ids.map((id, k) => ({
              id,
              videoId: name,
              timestamp: i + k / 10,
              frameNumber: i,
              detectorType: 'face',
              bbox: { x: 1, y: 2, width: 3, height: 4 },
              confidence: 0.5,
              metadata: { note: 'tab\there\nnewline \\ "quote" ✓' },
            })),
          );
          w.acked.push(...ids.map((id) => `d:${id}`));
        } else {
          const id = `${name}-s${i}`;
          await storage.scenes.create({
            id,
            videoId: name,
            startTime: i,
            endTime: i + 1,
            sceneType: 'custom',
          });
          w.acked.push(`s:${id}`);
        }
        const v = await storage.videos.get(name).catch((err: unknown) => {
          w.readErrors++;
          throw err;
        });
        if (v?.id !== name) throw new Error(`read of ${name} returned ${String(v?.id)}`);
        w.successes.push(Date.now());
      } catch (err) {
        if (!isStorageError(err)) throw err;
        w.errors.push(err);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  })();
  w.stop = async () => {
    running = false;
    await loop;
  };
  return w;
}

describe.skipIf(unsupported !== null)('server restarts under load (throwaway cluster)', () => {
  let cluster: ThrowawayCluster;
  beforeAll(async () => {
    cluster = await startThrowawayCluster();
  }, 120_000);
  afterAll(async () => {
    await cluster?.destroy();
  });

  for (const mode of ['fast', 'immediate'] as const) {
    test(`pg_ctl restart -m ${mode} with ${WRITERS} writers: nothing acknowledged is lost, work resumes`, {
      timeout: 60_000,
    }, async () => {
      const schema = `restart_${mode}`;
      const setup = new pg.Client({ connectionString: cluster.url });
      await setup.connect();
      await setup.query(`CREATE SCHEMA ${schema}`);
      await setup.end();

      const storages = Array.from(
        { length: WRITERS },
        () => new PostgresStorage({ url: cluster.url, schema, maxConnections: 3, timeoutMs: 10_000 }),
      );
      await Promise.all(storages.map((s) => s.initialize()));
      for (let i = 0; i < WRITERS; i++) {
        await storages[0]?.videos.create({
          id: `w${i}`,
          filename: `w${i}.mp4`,
          fileKey: `videos/w${i}.mp4`,
          duration: 1e6,
          frameRate: 30,
          width: 64,
          height: 48,
          fileSize: 1,
        });
      }
      const writers = storages.map((s, i) => startWriter(s, `w${i}`));
      try {
        await new Promise((r) => setTimeout(r, 1500));
        const ackedBefore = writers.map((w) => w.acked.length);
        const restartAt = Date.now();
        await cluster.restart(mode);
        const backAt = Date.now();
        await new Promise((r) => setTimeout(r, RESUME_BOUND_MS + 500));
        await Promise.all(writers.map((w) => w.stop()));

        const resume = writers.map((w) => (w.successes.find((t) => t >= backAt) ?? Number.NaN) - backAt);
        console.info(
          `restart -m ${mode} (${backAt - restartAt} ms down): acked ${writers.reduce((n, w) => n + w.acked.length, 0)}, UNAVAILABLE seen ${writers.reduce((n, w) => n + w.errors.length, 0)}, resumed after ${resume.join('/')} ms`,
        );
        // Reads are retried across an outage shorter than the retry window (~3.2 s): none may fail then.
        if (backAt - restartAt < 2500) expect(writers.map((w) => w.readErrors)).toEqual(writers.map(() => 0));
        for (const [i, w] of writers.entries()) {
          // Callers only ever saw UNAVAILABLE (or success) while the server went away and came back.
          expect(w.errors.map((e) => e.code).filter((c) => c !== 'UNAVAILABLE')).toEqual([]);
          expect(w.acked.length).toBeGreaterThan(ackedBefore[i] ?? 0);
          const next = w.successes.find((t) => t >= backAt);
          expect(next, `writer ${i} never succeeded after the restart`).toBeDefined();
          expect((next as number) - backAt).toBeLessThan(RESUME_BOUND_MS);
        }
        expect(
          storages.reduce((n, s) => n + s.clientErrors, 0) + writers.flatMap((w) => w.errors).length,
        ).toBeGreaterThan(0);

        // Every acknowledged write is in the database, read through a fresh client.
        const check = new pg.Client({ connectionString: cluster.url, options: `-c search_path=${schema}` });
        await check.connect();
        try {
          const scenes = new Set((await check.query('SELECT id FROM scenes')).rows.map((r) => `s:${r.id}`));
          const detections = new Set(
            (await check.query('SELECT id FROM detections')).rows.map((r) => `d:${r.id}`),
          );
          const missing = writers
            .flatMap((w) => w.acked)
            .filter((id) => !scenes.has(id) && !detections.has(id));
          expect(missing).toEqual([]);
          const meta = await check.query(
            "SELECT detection_metadata->>'note' AS note FROM detections LIMIT 1",
          );
          expect(meta.rows[0].note).toBe('tab\there\nnewline \\ "quote" ✓');
        } finally {
          await check.end();
        }
      } finally {
        await Promise.all(writers.map((w) => w.stop()));
        await Promise.all(storages.map((s) => s.close()));
      }
    });
  }
});
