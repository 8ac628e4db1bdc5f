// Bulk insert of detections: the adapter (validation included) vs raw better-sqlite3 with the same
// schema, pragmas, prepared statement, single transaction and ids. Runs alternate, best of ROUNDS.
// The SQLite fixtures below are shared with sqlite-query.ts; the backend-neutral ones live in ../fixtures.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DetectionInput } from '@vpe-storage/core';
import { SQLITE_MIGRATIONS, SqliteStorage } from '@vpe-storage/sqlite';
import { DURATION, ensureBenchVideo, makeDetections, VIDEO_ID } from '../fixtures.js';
import { now, type Scenario, throughputRow, withPeakRss } from '../measure.js';

/** The part of a raw better-sqlite3 connection the baselines use (bench has no @types/better-sqlite3). */
export interface RawDb {
  prepare(sql: string): {
    run(...params: unknown[]): unknown;
    all(...params: unknown[]): unknown[];
    get(...params: unknown[]): unknown;
  };
  pragma(source: string): unknown;
  exec(sql: string): void;
  transaction(fn: () => void): () => void;
  close(): void;
}
const Database = createRequire(import.meta.url)('better-sqlite3') as new (
  file: string,
  options?: object,
) => RawDb;

/** A temp folder for one scenario. */
export function benchDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'vpe-bench-sqlite-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A raw better-sqlite3 connection with the adapter's pragmas and schema (migration DDL) and the bench video. */
export function openRaw(file: string): RawDb {
  const db = new Database(file, { timeout: 30_000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = 10000');
  db.pragma('foreign_keys = ON');
  const hasSchema = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'detections'").get();
  if (!hasSchema) {
    for (const m of SQLITE_MIGRATIONS) db.exec(m.sql);
  }
  const now = new Date().toISOString();
  db.prepare(
    `INSERT OR IGNORE INTO videos (id, filename, file_key, duration, frame_rate, width, height, file_size, created_at, updated_at, metadata)
     VALUES (?, 'bench.mp4', 'videos/bench.mp4', ?, 30, 1920, 1080, 1, ?, ?, '{}')`,
  ).run(VIDEO_ID, DURATION, now, now);
  return db;
}

/** The adapter on a new file (its migration creates the same schema) with the bench video. */
export async function openAdapter(file: string): Promise<SqliteStorage> {
  const storage = new SqliteStorage({ path: file });
  await storage.initialize();
  await ensureBenchVideo(storage);
  return storage;
}

export const RAW_INSERT =
  'INSERT INTO detections (id, video_id, timestamp, frame_number, detector_type, bbox_x, bbox_y, bbox_width, bbox_height,' +
  ' confidence, needs_review, reviewed_by, reviewed_at, detection_metadata, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

/** The raw baseline insert: one prepared statement, one transaction, the same rows. */
export function rawInsert(db: RawDb, items: readonly DetectionInput[]): void {
  const stmt = db.prepare(RAW_INSERT);
  const now = new Date().toISOString();
  db.transaction(() => {
    for (const d of items) {
      const b = d.bbox;
      stmt.run(
        d.id,
        d.videoId,
        d.timestamp,
        d.frameNumber,
        d.detectorType,
        b.x,
        b.y,
        b.width,
        b.height,
        d.confidence,
        d.needsReview ? 1 : 0,
        null,
        null,
        '{}',
        now,
      );
    }
  })();
}

const N = Number(process.env.VPE_BENCH_ROWS ?? 1_000_000);
const ROUNDS = Number(process.env.VPE_BENCH_ROUNDS ?? 5);

const scenario: Scenario = {
  name: 'sqlite-insert',
  async run() {
    const items = makeDetections(N);
    const { dir, cleanup } = benchDir();
    const raw: number[] = [];
    const adapter: number[] = [];
    let peakRss = 0;
    try {
      const runRaw = async (round: number) => {
        const rawDb = openRaw(join(dir, `raw-${round}.db`));
        const t0 = now();
        rawInsert(rawDb, items);
        raw.push(N / ((now() - t0) / 1000));
        rawDb.close();
      };
      const runAdapter = async (round: number) => {
        const storage = await openAdapter(join(dir, `adapter-${round}.db`));
        const measured = await withPeakRss(async () => {
          const t1 = now();
          const inserted = await storage.detections.insertMany(items);
          const seconds = (now() - t1) / 1000;
          if (inserted !== N) throw new Error(`adapter inserted ${inserted} of ${N}`);
          return N / seconds;
        });
        adapter.push(measured.value);
        peakRss = Math.max(peakRss, measured.peakRss);
        await storage.close();
      };
      // Alternate which side goes first, so warm-up and load drift favour neither.
      for (let round = 0; round < ROUNDS; round++) {
        for (const run of round % 2 === 0 ? [runRaw, runAdapter] : [runAdapter, runRaw]) {
          (globalThis as { gc?: () => void }).gc?.();
          await run(round);
        }
      }
    } finally {
      cleanup();
    }
    const best = (xs: number[]) => Math.max(...xs);
    return {
      rows: [
        throughputRow(
          `insert ${N.toLocaleString('en-US')} detections (best of ${ROUNDS})`,
          'rows/s',
          best(adapter),
          best(raw),
          0.8,
        ),
      ],
      extra: {
        rawRuns: raw.map(Math.round),
        adapterRuns: adapter.map(Math.round),
        peakRssMB: Math.round(peakRss / 2 ** 20),
      },
    };
  },
};

export default scenario;
