import { join } from 'node:path';
import { isStorageError } from '@vpe-storage/core';
import Database from 'better-sqlite3';
import { afterEach, expect, test } from 'vitest';
import { SqliteStorage } from '../src/index.js';
import { openTempStorage, tempDir } from './helpers/temp-db.js';

let dispose: (() => Promise<void>) | null = null;
afterEach(async () => {
  await dispose?.();
  dispose = null;
});

test('migration 1 has the reference tables, CHECKs, ON DELETE rules and indexes (partial one included)', async () => {
  const t = await openTempStorage();
  dispose = t.dispose;
  const raw = new Database(t.file, { readonly: true });
  try {
    const tables = (
      raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
        name: string;
      }[]
    ).map((r) => r.name);
    expect(tables).toEqual([
      'annotations',
      'audit_log',
      'detections',
      'models',
      'processing_jobs',
      'scenes',
      'schema_migrations',
      'timelines',
      'videos',
    ]);
    const sqlOf = (name: string) =>
      (raw.prepare('SELECT sql FROM sqlite_master WHERE name = ?').get(name) as { sql: string }).sql;
    for (const c of ['valid_time_range', 'valid_scene_type', 'valid_priority'])
      expect(sqlOf('scenes')).toContain(`CONSTRAINT ${c}`);
    expect(sqlOf('annotations')).toContain(
      'bbox_width > 0 AND bbox_height > 0 AND bbox_x >= 0 AND bbox_y >= 0',
    );
    expect(sqlOf('detections')).toContain('CONSTRAINT valid_bbox CHECK (bbox_width > 0 AND bbox_height > 0)');
    expect(sqlOf('processing_jobs')).toContain(
      'CONSTRAINT valid_progress CHECK (progress >= 0.0 AND progress <= 100.0)',
    );
    expect(sqlOf('timelines')).toContain('PRIMARY KEY (id, version)');
    const fks = raw
      .prepare('SELECT "table", "from", "to", on_delete FROM pragma_foreign_key_list(\'processing_jobs\')')
      .all();
    expect(fks).toEqual(
      expect.arrayContaining([
        { table: 'timelines', from: 'timeline_id', to: 'id', on_delete: 'CASCADE' },
        { table: 'timelines', from: 'timeline_version', to: 'version', on_delete: 'CASCADE' },
        { table: 'videos', from: 'video_id', to: 'id', on_delete: 'CASCADE' },
      ]),
    );
    expect(
      raw
        .prepare(
          'SELECT "table", on_delete FROM pragma_foreign_key_list(\'annotations\') WHERE "from" = \'scene_id\'',
        )
        .get(),
    ).toEqual({ table: 'scenes', on_delete: 'SET NULL' });
    const indexes = (
      raw.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").all() as {
        name: string;
      }[]
    ).map((r) => r.name);
    for (const name of [
      'idx_videos_file_key',
      'idx_scenes_video_time',
      'idx_annotations_video_timestamp',
      'idx_annotations_scene',
      'idx_detections_video_timestamp',
      'idx_detections_needs_review',
      'idx_timelines_video_status',
      'idx_jobs_status',
      'idx_jobs_video',
      'idx_models_type_area',
    ]) {
      expect(indexes).toContain(name);
    }
    expect(sqlOf('idx_detections_needs_review')).toMatch(/WHERE needs_review = 1$/);
    // The range query and the review queue are index range scans, not table scans.
    const plan = (sql: string) =>
      (raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ');
    expect(
      plan(
        "SELECT * FROM detections WHERE video_id = 'v' AND timestamp >= 1 AND timestamp <= 2 ORDER BY timestamp, id LIMIT 101",
      ),
    ).toContain('USING INDEX idx_detections_video_timestamp');
    expect(plan('SELECT * FROM detections WHERE needs_review = 1 ORDER BY timestamp, id LIMIT 101')).toMatch(
      /USING INDEX idx_detections_(review_queue|needs_review)/,
    );
  } finally {
    raw.close();
  }
});

test('the reference pragmas and busy_timeout are set on the connection', async () => {
  const t = await openTempStorage({ timeoutMs: 1234 });
  dispose = t.dispose;
  const stats = await t.storage.stats();
  expect(stats.details.journalMode).toBe('wal');
  const raw = new Database(t.file, { readonly: true });
  expect(raw.pragma('journal_mode', { simple: true })).toBe('wal'); // persistent in the file
  raw.close();
  // Per-connection pragmas, read through the adapter's own connection.
  const db = (t.storage as unknown as { sqlite: { connection: Database.Database } }).sqlite.connection;
  expect(db.pragma('synchronous', { simple: true })).toBe(1);
  expect(db.pragma('cache_size', { simple: true })).toBe(10000);
  expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  expect(db.pragma('busy_timeout', { simple: true })).toBe(1234);
});

test('schema_migrations records version, name and checksum; reopening is a no-op', async () => {
  const t = await openTempStorage();
  dispose = t.dispose;
  const [m] = await t.storage.migrations();
  expect(m).toMatchObject({ version: 1, name: 'initial schema' });
  expect(m?.checksum).toMatch(/^[0-9a-f]{64}$/);
  expect(await t.storage.migrate()).toEqual({ from: 1, to: 1, applied: [] });
  await t.storage.close();
  const again = new SqliteStorage({ path: t.file });
  await again.initialize();
  expect(await again.migrations()).toEqual([m]);
  await again.close();
});

test('a changed migration checksum refuses to start with INTEGRITY, and a newer schema too', async () => {
  const { dir, cleanup } = tempDir();
  try {
    const file = join(dir, 'x.db');
    const first = new SqliteStorage({ path: file });
    await first.initialize();
    const [applied] = await first.migrations();
    await first.close();
    const raw = new Database(file);
    raw.prepare("UPDATE schema_migrations SET checksum = 'deadbeef' WHERE version = 1").run();
    raw.close();
    const second = new SqliteStorage({ path: file });
    const err = await second.initialize().catch((e: unknown) => e);
    expect(isStorageError(err, 'INTEGRITY')).toBe(true);
    expect((err as Error).message).toMatch(/changed after it was applied/);
    await expect(second.videos.list()).rejects.toMatchObject({ code: 'CLOSED' });

    const fix = new Database(file);
    fix.prepare('DELETE FROM schema_migrations').run();
    fix
      .prepare(
        "INSERT INTO schema_migrations VALUES (1, 'initial schema', ?, 'x'), (7, 'future', 'abc', 'x')",
      )
      .run(applied?.checksum);
    fix.close();
    const third = new SqliteStorage({ path: file });
    const newer = await third.initialize().catch((e: unknown) => e);
    expect(isStorageError(newer, 'INTEGRITY')).toBe(true);
    expect((newer as Error).message).toMatch(/newer than this package knows/);
  } finally {
    cleanup();
  }
});

test('calls before initialize and after close are CLOSED', async () => {
  const storage = new SqliteStorage({ path: ':memory:' });
  await expect(storage.videos.list()).rejects.toMatchObject({ code: 'CLOSED' });
  await storage.initialize();
  expect((await storage.videos.list()).items).toEqual([]);
  await storage.close();
  await storage.close();
  await expect(storage.stats()).rejects.toMatchObject({ code: 'CLOSED' });
});
