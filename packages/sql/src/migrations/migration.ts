import { createHash } from 'node:crypto';

/** One schema migration: a DDL script applied once, in its own transaction. */
export interface Migration {
  version: number;
  name: string;
  /** The DDL script; its checksum is recorded, and a changed script refuses to start. */
  sql: string;
}

/** sha256 of a migration's version, name and script (what `schema_migrations.checksum` holds). */
export function migrationChecksum(m: Migration): string {
  return createHash('sha256').update(`${m.version}\n${m.name}\n${m.sql}`).digest('hex');
}

/** The bookkeeping table, portable across dialects (timestamps as ISO text). */
export const SCHEMA_MIGRATIONS_DDL =
  'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,' +
  ' checksum TEXT NOT NULL, applied_at TEXT NOT NULL)';
