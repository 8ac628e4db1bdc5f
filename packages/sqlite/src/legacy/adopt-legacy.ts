import { nowIso, StorageError } from '@vpe-storage/core';
import { type MigrationRunner, migrationChecksum, SCHEMA_MIGRATIONS_DDL } from '@vpe-storage/sql';
import type Database from 'better-sqlite3';
import type { SqliteDatabase } from '../driver/sqlite-database.js';
import { initialSchema } from '../schema/001-initial.js';
import { LegacyKeyAllocator } from './file-keys.js';
import { convertLegacyTimelineData } from './timeline-data.js';

// A database created by the reference's own DDL (no schema_migrations, videos.filepath, timelines keyed
// by id alone) is rebuilt in place, in one transaction: legacy tables renamed, migration 1 created,
// every row copied and converted, legacy tables dropped, migration 1 recorded. See README "Reference
// databases" for the mapping.

const LEGACY_TABLES = [
  'videos',
  'scenes',
  'annotations',
  'detections',
  'timelines',
  'processing_jobs',
  'models',
];

type Row = Record<string, unknown>;

/** ISO-8601 with milliseconds from whatever the reference stored (CURRENT_TIMESTAMP, Python isoformat). */
const ts = (col: string, fallback = "'now'") =>
  `COALESCE(strftime('%Y-%m-%dT%H:%M:%fZ', ${col}), strftime('%Y-%m-%dT%H:%M:%fZ', ${fallback}))`;
const tsOrNull = (col: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', ${col})`;
/** A JSON object from a legacy JSON column: NULL → {}, a non-object or invalid text is wrapped. */
const obj = (col: string) =>
  `CASE WHEN ${col} IS NULL THEN '{}' WHEN json_valid(${col}) AND json_type(${col}) = 'object' THEN json(${col}) ELSE json_object('legacyValue', ${col}) END`;

function tableExists(c: Database.Database, name: string): boolean {
  return c.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** True for a database made by the reference's DDL and not yet migrated. */
export function isLegacyDatabase(c: Database.Database): boolean {
  if (tableExists(c, 'schema_migrations') || !tableExists(c, 'videos')) return false;
  const columns = c.prepare("SELECT name FROM pragma_table_info('videos')").all() as { name: string }[];
  return columns.some((col) => col.name === 'filepath');
}

function withMetadata(json: unknown, extra: Row): string {
  let base: Row = {};
  if (typeof json === 'string') {
    try {
      const parsed: unknown = JSON.parse(json);
      base =
        typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
          ? (parsed as Row)
          : { legacyValue: parsed };
    } catch {
      base = { legacyValue: json };
    }
  }
  return JSON.stringify({ ...base, ...extra });
}

function copyVideos(c: Database.Database): void {
  const keys = new LegacyKeyAllocator('videos', true);
  const insert = c.prepare(
    'INSERT INTO videos (id, filename, file_key, duration, frame_rate, width, height, file_size, codec, checksum, created_at, updated_at, metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const rows = c.prepare(
    `SELECT *, ${ts('created_at')} AS c_at, ${ts('updated_at', 'created_at')} AS u_at FROM legacy_videos`,
  );
  for (const r of rows.all() as Row[]) {
    const id = String(r.id);
    const path = String(r.filepath);
    insert.run(
      id,
      r.filename,
      keys.keyFor(path, id),
      r.duration,
      r.frame_rate,
      r.width,
      r.height,
      r.file_size,
      r.codec ?? null,
      r.checksum ?? null,
      r.c_at,
      r.u_at,
      withMetadata(r.metadata, { legacyPath: path }),
    );
  }
}

function copyAnnotations(c: Database.Database): void {
  const keys = new LegacyKeyAllocator('annotations', false);
  const insert = c.prepare(
    'INSERT INTO annotations (id, video_id, scene_id, timestamp, frame_number, bbox_x, bbox_y, bbox_width, bbox_height, label, confidence, image_key, annotated_by, created_at, metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const r of c.prepare(`SELECT *, ${ts('created_at')} AS c_at FROM legacy_annotations`).all() as Row[]) {
    const id = String(r.id);
    const path = r.image_path === null || r.image_path === undefined ? null : String(r.image_path);
    insert.run(
      id,
      r.video_id,
      r.scene_id ?? null,
      r.timestamp,
      r.frame_number,
      r.bbox_x,
      r.bbox_y,
      r.bbox_width,
      r.bbox_height,
      r.label,
      r.confidence ?? 1,
      path === null ? null : keys.keyFor(path, id),
      r.annotated_by ?? null,
      r.c_at,
      withMetadata(r.metadata, path === null ? {} : { legacyImagePath: path }),
    );
  }
}

function copyTimelines(c: Database.Database): void {
  const insert = c.prepare(
    'INSERT INTO timelines (id, version, video_id, name, timeline_data, status, created_by, created_at, updated_at, metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const select = `SELECT *, ${ts('created_at')} AS c_at, ${ts('updated_at', 'created_at')} AS u_at, ${obj('metadata')} AS meta FROM legacy_timelines`;
  for (const r of c.prepare(select).all() as Row[]) {
    insert.run(
      r.id,
      r.version ?? 1,
      r.video_id,
      r.name ?? null,
      JSON.stringify(convertLegacyTimelineData(r.timeline_data)),
      r.status ?? 'draft',
      r.created_by ?? null,
      r.c_at,
      r.u_at,
      r.meta,
    );
  }
}

function copyJobs(c: Database.Database): void {
  const keys = new LegacyKeyAllocator('processing_jobs', false);
  const insert = c.prepare(
    'INSERT INTO processing_jobs (id, video_id, timeline_id, timeline_version, status, progress, output_key, error_message, processing_config, worker_id, started_at, completed_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)',
  );
  // The reference had one row per timeline id: the job points at that row's version.
  const select =
    `SELECT j.*, (SELECT COALESCE(t.version, 1) FROM legacy_timelines t WHERE t.id = j.timeline_id) AS t_version,` +
    ` ${tsOrNull('j.started_at')} AS s_at, ${tsOrNull('j.completed_at')} AS f_at, ${ts('j.created_at')} AS c_at,` +
    ` CASE WHEN j.processing_config IS NULL THEN NULL ELSE ${obj('j.processing_config')} END AS config` +
    ' FROM legacy_processing_jobs j';
  for (const r of c.prepare(select).all() as Row[]) {
    const id = String(r.id);
    const path = r.output_path === null || r.output_path === undefined ? null : String(r.output_path);
    insert.run(
      id,
      r.video_id,
      r.timeline_id,
      r.t_version ?? 1,
      r.status ?? 'pending',
      r.progress ?? 0,
      path === null ? null : keys.keyFor(path, id),
      r.error_message ?? null,
      r.config ?? null,
      r.s_at ?? null,
      r.f_at ?? null,
      r.c_at,
    );
  }
}

function copyModels(c: Database.Database): void {
  const keys = new LegacyKeyAllocator('models', false);
  const insert = c.prepare(
    'INSERT INTO models (id, name, model_type, area_type, version, file_key, training_data_count, accuracy_metrics, created_at, updated_at, metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const select =
    `SELECT *, ${ts('created_at')} AS c_at, ${ts('updated_at', 'created_at')} AS u_at,` +
    ` CASE WHEN accuracy_metrics IS NULL THEN NULL ELSE ${obj('accuracy_metrics')} END AS metrics FROM legacy_models`;
  for (const r of c.prepare(select).all() as Row[]) {
    const id = String(r.id);
    const path = String(r.file_path);
    insert.run(
      id,
      r.name,
      r.model_type,
      r.area_type,
      r.version === null || r.version === undefined ? '1.0' : String(r.version),
      keys.keyFor(path, id),
      r.training_data_count ?? 0,
      r.metrics ?? null,
      r.c_at,
      r.u_at,
      withMetadata(r.metadata, { legacyFilePath: path }),
    );
  }
}

/** Tables whose rows need no path mapping are copied in SQL (detections may hold millions). */
function copyInSql(c: Database.Database, present: Set<string>): void {
  if (present.has('scenes')) {
    c.exec(
      `INSERT INTO scenes (id, video_id, start_time, end_time, scene_type, description, priority, created_at, metadata)
       SELECT id, video_id, start_time, end_time, scene_type, description, COALESCE(priority, 'medium'), ${ts('created_at')}, ${obj('metadata')}
       FROM legacy_scenes`,
    );
  }
  if (present.has('detections')) {
    c.exec(
      `INSERT INTO detections (id, video_id, timestamp, frame_number, detector_type, bbox_x, bbox_y, bbox_width, bbox_height,
         confidence, needs_review, reviewed_by, reviewed_at, detection_metadata, created_at)
       SELECT id, video_id, timestamp, frame_number, detector_type, bbox_x, bbox_y, bbox_width, bbox_height,
         confidence, CASE WHEN needs_review THEN 1 ELSE 0 END, reviewed_by, ${tsOrNull('reviewed_at')},
         ${obj('detection_metadata')}, ${ts('created_at')}
       FROM legacy_detections`,
    );
  }
}

/** The synchronous rebuild, inside BEGIN IMMEDIATE with foreign keys off; false when another process did it first. */
function rebuild(c: Database.Database): boolean {
  c.pragma('foreign_keys = OFF');
  try {
    c.exec('BEGIN IMMEDIATE');
    try {
      if (!isLegacyDatabase(c)) {
        c.exec('ROLLBACK');
        return false;
      }
      const present = new Set(LEGACY_TABLES.filter((t) => tableExists(c, t)));
      const indexes = c
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (SELECT value FROM json_each(?))",
        )
        .all(JSON.stringify([...present])) as { name: string }[];
      for (const { name } of indexes) c.exec(`DROP INDEX "${name}"`);
      for (const t of present) c.exec(`ALTER TABLE ${t} RENAME TO legacy_${t}`);
      c.exec(SCHEMA_MIGRATIONS_DDL);
      c.exec(initialSchema.sql);
      if (present.has('videos')) copyVideos(c);
      copyInSql(c, present);
      if (present.has('annotations')) copyAnnotations(c);
      if (present.has('timelines')) copyTimelines(c);
      if (present.has('processing_jobs')) copyJobs(c);
      if (present.has('models')) copyModels(c);
      for (const t of [...LEGACY_TABLES].reverse()) if (present.has(t)) c.exec(`DROP TABLE legacy_${t}`);
      const dangling = c.pragma('foreign_key_check') as { table: string; parent: string }[];
      if (dangling.length > 0) {
        const first = dangling[0] as { table: string; parent: string };
        throw new StorageError(
          'INTEGRITY',
          `cannot migrate the reference database: ${dangling.length} row(s) reference missing parents (first: ${first.table} → ${first.parent}); nothing was changed: delete those rows and open it again`,
          { details: { count: dangling.length, table: first.table, parent: first.parent } },
        );
      }
      c.prepare(
        'INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
      ).run(
        initialSchema.version,
        `${initialSchema.name} (adopted from the reference schema)`,
        migrationChecksum(initialSchema),
        nowIso(),
      );
      c.exec('COMMIT');
      return true;
    } catch (err) {
      if (c.inTransaction) c.exec('ROLLBACK');
      throw err;
    }
  } finally {
    c.pragma('foreign_keys = ON');
  }
}

/** Migrates a reference-DDL database in place (once, even with several processes starting); no-op otherwise. */
export async function adoptLegacyDatabase(db: SqliteDatabase, _runner: MigrationRunner): Promise<boolean> {
  const c = db.connection;
  if (!(await db.exclusive(() => isLegacyDatabase(c)))) return false;
  return db.exclusive(() => rebuild(c));
}
