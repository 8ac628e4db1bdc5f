import {
  type DatabaseConfig,
  DatabaseConfigSchema,
  type IntegrityIssue,
  parseOrThrow,
  StorageError,
} from '@vpe-storage/core';
import { type SizeDetails, type SqlDatabase, SqlStorage } from '@vpe-storage/sql';
import { postgresDialect } from './dialect/postgres-dialect.js';
import { PgDatabase } from './driver/pg-database.js';
import { mapPgError } from './driver/pg-errors.js';
import { createPool, type PgPool } from './driver/pool.js';
import { pgStructuralIssues } from './maintenance/integrity.js';
import { pgSizeDetails } from './maintenance/stats.js';
import { pgVacuum } from './maintenance/vacuum.js';
import { POSTGRES_MIGRATIONS } from './schema/migrations.js';
import { checkSchemaName, parsePostgresUrl } from './url/parse-postgres-url.js';

/** Options of {@link PostgresStorage}: the URL and the database config (pool size, timeout, batch size). */
export interface PostgresStorageOptions extends Partial<Omit<DatabaseConfig, 'url'>> {
  /** `postgres://user:password@host:5432/database[?schema=name]`. */
  url: string;
  /** The schema the tables live in (overrides `?schema=`); it must exist. Default: the server's search_path. */
  schema?: string;
}

const WRITE_LOCK_KEY =
  "SELECT hashtextextended('vpe-storage/write/' || coalesce(current_schema(), ''), 0)::text AS key," +
  ' current_schema() AS schema';

/**
 * BaseStorage over PostgreSQL (node-postgres): a pool of `maxConnections` clients, every domain query
 * from `@vpe-storage/sql`, migrations under an advisory lock, SKIP LOCKED job claims, COPY bulk inserts.
 * Many processes may share one database.
 */
export class PostgresStorage extends SqlStorage {
  private readonly config: DatabaseConfig;
  private readonly connectionString: string;
  private readonly schema: string | null;
  /** The URL without its password. */
  readonly safeUrl: string;
  private pg: PgPool | null = null;
  private database: PgDatabase | null = null;

  /** A storage on `options.url`; nothing is opened before `initialize()`. */
  constructor(options: PostgresStorageOptions) {
    const { url, schema, ...rest } = options;
    if (typeof url !== 'string') {
      throw new StorageError('VALIDATION', 'invalid postgres storage options: url must be a postgres:// URL');
    }
    const parsed = parsePostgresUrl(url);
    const config = parseOrThrow(
      DatabaseConfigSchema,
      { ...rest, url: parsed.safeUrl },
      'postgres storage options',
    );
    super({
      kind: 'postgres',
      capabilities: { multiProcess: true, persistent: true },
      dialect: postgresDialect,
      migrations: POSTGRES_MIGRATIONS,
      bulkInsertBatchSize: config.bulkInsertBatchSize,
      deferConstraints: 'SET CONSTRAINTS ALL DEFERRED',
    });
    this.config = config;
    this.connectionString = parsed.connectionString;
    this.schema = schema === undefined ? parsed.schema : checkSchemaName(schema);
    this.safeUrl = parsed.safeUrl;
  }

  /** Errors of pooled clients absorbed so far (a server restart or terminated backend); for tests and diagnostics. */
  get clientErrors(): number {
    return this.pg?.clientErrors() ?? 0;
  }

  /** Creates the pool and checks that the server answers. */
  protected async openDatabase(): Promise<SqlDatabase> {
    const pg = createPool({
      connectionString: this.connectionString,
      schema: this.schema,
      maxConnections: this.config.maxConnections,
      timeoutMs: this.config.timeoutMs,
    });
    try {
      const { rows } = await pg.pool.query(WRITE_LOCK_KEY);
      // search_path folds an unquoted name to lower case, as CREATE SCHEMA does.
      if (this.schema !== null && rows[0]?.schema !== this.schema.toLowerCase()) {
        throw new StorageError(
          'VALIDATION',
          `schema ${JSON.stringify(this.schema)} does not exist in ${this.safeUrl}: CREATE SCHEMA ${this.schema}, or drop the schema option`,
        );
      }
      const key = String(rows[0]?.key);
      this.pg = pg;
      this.database = new PgDatabase(pg, key, `connecting to ${this.safeUrl}`);
      return this.database;
    } catch (err) {
      await pg.pool.end().catch(() => undefined);
      throw mapPgError(err, `connecting to ${this.safeUrl}`);
    }
  }

  /** Ends the pool once checked-out clients are back. */
  protected async closeDatabase(db: SqlDatabase): Promise<void> {
    await (db as PgDatabase).close();
    if (this.database === db) {
      this.database = null;
      this.pg = null;
    }
  }

  /** VACUUM (ANALYZE) of every table, outside any transaction. */
  async vacuum(): Promise<void> {
    await pgVacuum(this.open().pool);
  }

  /** Relation sizes, row estimates and the database size. */
  protected sizeDetails(db: SqlDatabase): Promise<SizeDetails> {
    return pgSizeDetails(db);
  }

  /** Invalid indexes and unvalidated constraints. */
  protected structuralIssues(db: SqlDatabase): Promise<IntegrityIssue[]> {
    return pgStructuralIssues(db);
  }

  private open(): PgDatabase {
    this.db.require();
    return this.database as PgDatabase;
  }
}
