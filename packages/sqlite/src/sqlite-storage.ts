import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  type DatabaseConfig,
  DatabaseConfigSchema,
  type IntegrityIssue,
  parseOrThrow,
  StorageError,
} from '@vpe-storage/core';
import { type SizeDetails, type SqlDatabase, SqlStorage } from '@vpe-storage/sql';
import Database from 'better-sqlite3';
import { sqliteDialect } from './dialect/sqlite-dialect.js';
import { SqliteDatabase } from './driver/sqlite-database.js';
import { mapSqliteError } from './driver/sqlite-errors.js';
import { adoptLegacyDatabase } from './legacy/adopt-legacy.js';
import { sqliteStructuralIssues } from './maintenance/integrity.js';
import { sqliteSizeDetails } from './maintenance/stats.js';
import { sqliteVacuum } from './maintenance/vacuum.js';
import { SQLITE_MIGRATIONS } from './schema/migrations.js';

/** How hard a commit waits for the disk: `normal` (the reference's) or `full`. */
export type SqliteSynchronous = 'normal' | 'full';

/** Options of {@link SqliteStorage}: the file (or `:memory:`) and the database config. */
export interface SqliteStorageOptions extends Partial<DatabaseConfig> {
  /** Database file path, or `:memory:`. */
  path: string;
  /**
   * `PRAGMA synchronous` in WAL mode. `normal` (default, the reference's): a power loss may drop the last
   * commits, never corrupts. `full`: every commit is on disk when it returns, at an fsync per commit.
   */
  synchronous?: SqliteSynchronous;
}

/**
 * The embedded default BaseStorage: one better-sqlite3 connection in WAL mode, the reference's pragmas,
 * every domain query from `@vpe-storage/sql`. Several processes may share one file.
 */
export class SqliteStorage extends SqlStorage {
  /** The database file, or null for `:memory:`. */
  readonly file: string | null;
  private readonly config: DatabaseConfig;
  private readonly synchronous: SqliteSynchronous;
  private sqlite: SqliteDatabase | null = null;

  /** A storage on `options.path`; nothing is opened before `initialize()`. */
  constructor(options: SqliteStorageOptions) {
    const { path, synchronous = 'normal', ...rest } = options;
    if (synchronous !== 'normal' && synchronous !== 'full') {
      throw new StorageError(
        'VALIDATION',
        `invalid sqlite storage options: synchronous must be "normal" or "full", not ${JSON.stringify(synchronous)}`,
      );
    }
    if (typeof path !== 'string' || path.length === 0) {
      throw new StorageError(
        'VALIDATION',
        'invalid sqlite storage options: path must name a file, or be ":memory:"',
      );
    }
    const config = parseOrThrow(DatabaseConfigSchema, rest, 'sqlite storage options');
    super({
      kind: 'sqlite',
      capabilities: { multiProcess: path !== ':memory:', persistent: path !== ':memory:' },
      dialect: sqliteDialect,
      migrations: SQLITE_MIGRATIONS,
      bulkInsertBatchSize: config.bulkInsertBatchSize,
      deferConstraints: 'PRAGMA defer_foreign_keys = ON',
    });
    this.file = path === ':memory:' ? null : path;
    this.config = config;
    this.synchronous = synchronous;
  }

  /** Statements executed on the main connection so far (0 before `initialize()`); for tests and diagnostics. */
  get statementCount(): number {
    return this.sqlite?.statementCount ?? 0;
  }

  /** Opens the connection and applies the reference's pragmas plus busy_timeout. */
  protected async openDatabase(): Promise<SqlDatabase> {
    let conn: Database.Database | undefined;
    try {
      if (this.file !== null) mkdirSync(dirname(this.file), { recursive: true });
      conn = new Database(this.file ?? ':memory:', { timeout: this.config.timeoutMs });
      conn.pragma(`busy_timeout = ${this.config.timeoutMs}`);
      conn.pragma('journal_mode = WAL');
      conn.pragma(`synchronous = ${this.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
      conn.pragma('cache_size = 10000');
      conn.pragma('foreign_keys = ON');
    } catch (err) {
      conn?.close();
      throw mapSqliteError(err, `opening ${this.file ?? ':memory:'}`);
    }
    this.sqlite = new SqliteDatabase(conn, this.file, this.config.timeoutMs);
    return this.sqlite;
  }

  /** Closes the connection once any open transaction has finished. */
  protected async closeDatabase(db: SqlDatabase): Promise<void> {
    await (db as SqliteDatabase).close();
    if (this.sqlite === db) this.sqlite = null;
  }

  /** A database made with the reference's own DDL is migrated in place before the migrations run. */
  protected override async beforeMigrate(db: SqlDatabase): Promise<void> {
    await adoptLegacyDatabase(db as SqliteDatabase, this.runner);
  }

  /** VACUUM, PRAGMA optimize, wal_checkpoint(TRUNCATE). */
  async vacuum(): Promise<void> {
    await sqliteVacuum(this.open());
  }

  /** Page size and count, free pages, file and WAL sizes. */
  protected sizeDetails(): Promise<SizeDetails> {
    return sqliteSizeDetails(this.open(), this.file);
  }

  /** integrity_check and foreign_key_check. */
  protected structuralIssues(): Promise<IntegrityIssue[]> {
    return sqliteStructuralIssues(this.open());
  }

  private open(): SqliteDatabase {
    this.db.require();
    return this.sqlite as SqliteDatabase;
  }
}
