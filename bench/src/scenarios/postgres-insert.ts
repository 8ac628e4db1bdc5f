// Bulk insert of detections into PostgreSQL: the adapter (validation + COPY inside its transaction) vs
// raw pg `COPY FROM STDIN` of the same rows, and vs one prepared INSERT per row in one transaction.
// Same server, same schema (the adapter's migration), same ids; runs interleave, best of ROUNDS.
// The PostgreSQL fixtures below are shared with postgres-query.ts; the backend-neutral ones live in ../fixtures.ts.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DetectionInput } from '@vpe-storage/core';
import { copyText, PostgresStorage } from '@vpe-storage/postgres';
import { ensureBenchVideo, makeDetections } from '../fixtures.js';
import { now, type Scenario, throughputRow } from '../measure.js';

/** The part of a raw pg Client the baselines use (bench has no @types/pg). */
export interface RawClient {
  connect(): Promise<void>;
  end(): Promise<void>;
  query(
    text: string | { name: string; text: string; values: unknown[] },
  ): Promise<{ rows: Record<string, unknown>[] }>;
  query<S extends Writable>(stream: S): S;
}
const require = createRequire(import.meta.url);
export const pg = require('pg') as { Client: new (config: { connectionString: string }) => RawClient };
const copyFrom = (require('pg-copy-streams') as { from(sql: string): Writable }).from;

const SERVER =
  process.env.VPE_BENCH_POSTGRES_URL ??
  process.env.VPE_TEST_POSTGRES_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh database for one scenario on the bench server; `drop()` removes it. */
export async function benchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `vpe_bench_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: SERVER });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const u = new URL(SERVER);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** The adapter on `url` (its migration makes the schema) with the bench video. */
export async function openAdapter(url: string, bulkInsertBatchSize?: number): Promise<PostgresStorage> {
  const storage = new PostgresStorage({ url, ...(bulkInsertBatchSize ? { bulkInsertBatchSize } : {}) });
  await storage.initialize();
  await ensureBenchVideo(storage);
  return storage;
}

export const COLUMNS =
  'id, video_id, timestamp, frame_number, detector_type, bbox_x, bbox_y, bbox_width, bbox_height,' +
  ' confidence, needs_review, reviewed_by, reviewed_at, detection_metadata, created_at';

/** The same row the adapter writes for a detection. */
function rowOf(d: DetectionInput, at: string): (string | number | boolean | null)[] {
  const b = d.bbox;
  return [
    d.id ?? null,
    d.videoId,
    d.timestamp,
    d.frameNumber,
    d.detectorType,
    b.x,
    b.y,
    b.width,
    b.height,
    d.confidence,
    d.needsReview ?? false,
    null,
    null,
    '{}',
    at,
  ];
}

/** Rows per write into the raw COPY stream: the adapter's default batch, so both sides write the same amounts. */
const RAW_CHUNK = Number(process.env.VPE_BENCH_PG_RAW_CHUNK ?? 1000);

/** Raw baseline: one `COPY detections FROM STDIN` (text format) of every row, in one transaction. */
export async function rawCopy(client: RawClient, items: readonly DetectionInput[]): Promise<void> {
  const at = new Date().toISOString();
  await client.query('BEGIN');
  const chunks = function* () {
    for (let i = 0; i < items.length; i += RAW_CHUNK) {
      yield Buffer.from(copyText(items.slice(i, i + RAW_CHUNK).map((d) => rowOf(d, at))), 'utf8');
    }
  };
  await pipeline(Readable.from(chunks()), client.query(copyFrom(`COPY detections (${COLUMNS}) FROM STDIN`)));
  await client.query('COMMIT');
}

/** Raw baseline: one prepared INSERT per row, in one transaction. */
export async function rawPerRow(client: RawClient, items: readonly DetectionInput[]): Promise<void> {
  const at = new Date().toISOString();
  const text = `INSERT INTO detections (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`;
  await client.query('BEGIN');
  for (const d of items) await client.query({ name: 'bench_insert_row', text, values: rowOf(d, at) });
  await client.query('COMMIT');
}

const N = Number(process.env.VPE_BENCH_PG_ROWS ?? 200_000);
const ROUNDS = Number(process.env.VPE_BENCH_ROUNDS ?? 3);
const BATCH = Number(process.env.VPE_BENCH_PG_BATCH ?? 10_000);

const scenario: Scenario = {
  name: 'postgres-insert',
  async run() {
    const items = makeDetections(N);
    const db = await benchDatabase();
    const storage = await openAdapter(db.url);
    const batched = await openAdapter(db.url, BATCH);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const runs = {
      copy: [] as number[],
      adapter: [] as number[],
      batched: [] as number[],
      perRow: [] as number[],
    };
    const rate = async (fn: () => Promise<unknown>) => {
      await client.query('TRUNCATE detections');
      await client.query('CHECKPOINT');
      (globalThis as { gc?: () => void }).gc?.();
      const t = now();
      await fn();
      const seconds = (now() - t) / 1000;
      const { rows } = await client.query('SELECT count(*)::int AS n FROM detections');
      if (rows[0]?.n !== N) throw new Error(`inserted ${String(rows[0]?.n)} of ${N}`);
      return N / seconds;
    };
    try {
      for (let round = 0; round < ROUNDS; round++) {
        runs.copy.push(await rate(() => rawCopy(client, items)));
        runs.adapter.push(await rate(() => storage.detections.insertMany(items)));
        runs.batched.push(await rate(() => batched.detections.insertMany(items)));
        runs.perRow.push(await rate(() => rawPerRow(client, items)));
      }
    } finally {
      await client.end();
      await storage.close();
      await batched.close();
      await db.drop();
    }
    const best = (xs: number[]) => Math.max(...xs);
    const label = N.toLocaleString('en-US');
    return {
      rows: [
        throughputRow(
          `insertMany ${label} (batch 1000) vs raw COPY`,
          'rows/s',
          best(runs.adapter),
          best(runs.copy),
          0.7,
        ),
        throughputRow(
          `insertMany ${label} (batch ${BATCH}) vs raw COPY`,
          'rows/s',
          best(runs.batched),
          best(runs.copy),
          0.7,
        ),
        throughputRow(
          `insertMany ${label} (batch 1000) vs per-row INSERT`,
          'rows/s',
          best(runs.adapter),
          best(runs.perRow),
          10,
        ),
      ],
      extra: Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, v.map(Math.round)])),
    };
  },
};

export default scenario;
