import type { TableName } from '../schemas/records.js';
import type { Repositories } from './repositories.js';

/** What a records backend can do beyond the contract's minimum. */
export interface StorageCapabilities {
  /** Several processes may open the same store at once (SQLite file, PostgreSQL). */
  multiProcess: boolean;
  /** Records survive `close()` and a new instance on the same URL sees them. */
  persistent: boolean;
}

/** One applied or pending schema migration. */
export interface MigrationStatus {
  version: number;
  name: string;
  checksum: string;
  appliedAt: string | null;
}

/** What `migrate()` did. */
export interface MigrationResult {
  from: number;
  to: number;
  applied: MigrationStatus[];
}

/** Row counts and backend-specific size figures. */
export interface StorageStats {
  backend: string;
  schemaVersion: number;
  rows: Record<TableName, number>;
  /** Bytes on disk where the backend knows them (database file + WAL, relation sizes). */
  sizeBytes: number | null;
  /** Backend-specific figures (page size, page count, WAL size, free pages …). */
  details: Record<string, unknown>;
}

/** One problem found by `checkIntegrity()`. */
export interface IntegrityIssue {
  severity: 'error' | 'warning' | 'info';
  /** Stable identifier of the check, e.g. `FOREIGN_KEY`, `BAD_TIMELINE_DATA`, `MISSING_FILE`. */
  check: string;
  table?: TableName | string;
  id?: string;
  key?: string;
  message: string;
}

/** One record in a streaming export/import. */
export interface ExportRecord {
  table: TableName;
  record: Record<string, unknown>;
}

/** What `importRecords()` did. */
export interface ImportResult {
  rows: Record<TableName, number>;
}

/** A FileStore key referenced by a record (what cleanup must keep). */
export interface FileReference {
  key: string;
  table: TableName;
  id: string;
  column: string;
}

/**
 * The records backend. Every method is async; every failure is a `StorageError`.
 * `initialize()` opens the backend and applies pending migrations; `close()` releases it and is idempotent.
 */
export interface BaseStorage extends Repositories {
  /** Backend name: `memory`, `sqlite`, `postgres`, … */
  readonly kind: string;
  readonly capabilities: StorageCapabilities;

  initialize(): Promise<void>;
  close(): Promise<void>;

  /** Highest applied migration version (0 for an empty store). */
  schemaVersion(): Promise<number>;
  /** Every known migration with its applied time (null when pending). */
  migrations(): Promise<MigrationStatus[]>;
  /** Applies pending migrations up to `target` (default: all), each in its own transaction, once across processes. */
  migrate(target?: number): Promise<MigrationResult>;

  /**
   * Runs `fn` in one transaction: everything it writes through `tx` commits together or not at all.
   * Calls on this storage's own repositories made inside `fn` (same async context) join the transaction:
   * they see its writes, commit with it and roll back with it (as SQLite's single connection does);
   * they do not wait for it. Work that `fn` leaves running after it settles (a timer, an un-awaited
   * promise) is outside the transaction and waits like any other caller; `tx` used after the end
   * rejects with `CONFLICT`. A nested `transaction()` from inside `fn` rejects with `CONFLICT`.
   */
  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T>;

  /** Reclaims space and refreshes planner statistics. */
  vacuum(): Promise<void>;
  stats(): Promise<StorageStats>;
  /** Structural and domain checks; an empty list means healthy. */
  checkIntegrity(): Promise<IntegrityIssue[]>;

  /** Every record of every table, tables in dependency order, from one consistent snapshot. */
  exportRecords(): AsyncIterable<ExportRecord>;
  /** Loads exported records into an empty store, all or nothing; `CONFLICT` when the store holds records. */
  importRecords(records: AsyncIterable<ExportRecord> | Iterable<ExportRecord>): Promise<ImportResult>;
  /** Every FileStore key named by a record. */
  fileReferences(): AsyncIterable<FileReference>;
}
