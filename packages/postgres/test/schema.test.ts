import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { postgresDialect } from '../src/index.js';
import { detections, freshStorage, video } from './helpers/fresh-storage.js';
import { createTestDatabase, serverAvailable } from './helpers/server.js';

const available = await serverAvailable();

describe.skipIf(!available)('migration 1 in PostgreSQL types, maintenance', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase('vpe_schema');
  });
  afterAll(async () => {
    await db?.drop();
  });

  test('columns use DOUBLE PRECISION, BIGINT, JSONB, TIMESTAMPTZ and BOOLEAN (never REAL)', async () => {
    const f = await freshStorage(db.url);
    try {
      const { rows } = await f.raw.query(
        'SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = $1',
        [f.schema],
      );
      const type = (t: string, c: string) =>
        rows.find((r) => r.table_name === t && r.column_name === c)?.data_type;
      expect(rows.filter((r) => r.data_type === 'real')).toEqual([]);
      expect(type('detections', 'timestamp')).toBe('double precision');
      expect(type('detections', 'confidence')).toBe('double precision');
      expect(type('scenes', 'start_time')).toBe('double precision');
      expect(type('detections', 'needs_review')).toBe('boolean');
      expect(type('detections', 'detection_metadata')).toBe('jsonb');
      expect(type('timelines', 'timeline_data')).toBe('jsonb');
      expect(type('videos', 'created_at')).toBe('timestamp with time zone');
      expect(type('videos', 'file_size')).toBe('bigint');
      const checks = await f.raw.query(
        "SELECT conrelid::regclass::text AS t, conname FROM pg_constraint WHERE contype = 'c' AND connamespace = $1::regnamespace ORDER BY 1, 2",
        [f.schema],
      );
      expect(checks.rows.map((r) => `${r.t}.${r.conname}`)).toEqual([
        'annotations.valid_bbox',
        'annotations.valid_confidence',
        'detections.valid_bbox',
        'detections.valid_confidence',
        'processing_jobs.valid_progress',
        'processing_jobs.valid_status',
        'scenes.valid_priority',
        'scenes.valid_scene_type',
        'scenes.valid_time_range',
        'timelines.valid_status',
      ]);
    } finally {
      await f.dispose();
    }
  });

  test('the review queue query uses the partial index WHERE needs_review', async () => {
    const f = await freshStorage(db.url);
    try {
      await f.storage.videos.create(video('v'));
      await f.storage.detections.insertMany(detections('v', 2000));
      await f.raw.query('ANALYZE detections');
      const def = await f.raw.query(
        "SELECT indexdef FROM pg_indexes WHERE indexname = 'idx_detections_review_queue'",
      );
      expect(def.rows[0].indexdef).toMatch(/WHERE needs_review$/);
      // The query text the shared repository sends (needs_review = TRUE) must imply the index predicate.
      const sql = postgresDialect.sql(
        `SELECT * FROM detections WHERE needs_review = ${postgresDialect.trueLiteral} ORDER BY timestamp, id LIMIT ?`,
      );
      await f.raw.query('SET enable_seqscan = off');
      const plan = await f.raw.query(`EXPLAIN ${sql.replace('$1', '51')}`);
      expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('idx_detections_review_queue');
      const page = await f.storage.detections.reviewQueue(null, { limit: 500 });
      expect(page.items.length).toBe(Math.ceil(2000 / 7));
    } finally {
      await f.dispose();
    }
  });

  test('stats reports relation sizes, row estimates after vacuum, and the database size', async () => {
    const f = await freshStorage(db.url);
    try {
      await f.storage.videos.create(video('v'));
      await f.storage.detections.insertMany(detections('v', 3000));
      await f.raw.query('DELETE FROM detections WHERE frame_number % 2 = 0');
      await f.storage.vacuum();
      const stats = await f.storage.stats();
      expect(stats.rows.detections).toBe(1500);
      expect(stats.sizeBytes).toBeGreaterThan(0);
      const tables = stats.details.tables as Record<string, { bytes: number; estimatedRows: number | null }>;
      expect(tables.detections?.estimatedRows).toBe(1500);
      expect(tables.detections?.bytes).toBeGreaterThan(8192);
      expect(stats.details.schema).toBe(f.schema);
      expect(Number(stats.details.databaseBytes)).toBeGreaterThanOrEqual(stats.sizeBytes as number);
      const vacuumed = await f.raw.query(
        "SELECT last_vacuum IS NOT NULL AND last_analyze IS NOT NULL AS done FROM pg_stat_user_tables WHERE relname = 'detections' AND schemaname = $1",
        [f.schema],
      );
      expect(vacuumed.rows[0].done).toBe(true);
    } finally {
      await f.dispose();
    }
  });

  test('checkIntegrity reports unvalidated constraints and rows that break the record schema', async () => {
    const f = await freshStorage(db.url);
    try {
      await f.storage.videos.create(video('v'));
      expect(await f.storage.checkIntegrity()).toEqual([]);
      await f.raw.query('ALTER TABLE videos ADD CONSTRAINT wide CHECK (width > 100) NOT VALID');
      await f.raw.query(`UPDATE videos SET metadata = '[1, 2]' WHERE id = 'v'`);
      const issues = await f.storage.checkIntegrity();
      expect(issues.map((i) => i.check).sort()).toEqual(['BAD_RECORD', 'UNVALIDATED_CONSTRAINT']);
      expect(issues.find((i) => i.check === 'BAD_RECORD')).toMatchObject({ table: 'videos', id: 'v' });
    } finally {
      await f.dispose();
    }
  });
});
