import type {
  AnnotationRepository,
  AuditRepository,
  BaseStorage,
  DetectionRepository,
  ExportRecord,
  FileReference,
  ImportResult,
  IntegrityIssue,
  JobRepository,
  MigrationResult,
  MigrationStatus,
  ModelRepository,
  Repositories,
  SceneRepository,
  StorageCapabilities,
  StorageStats,
  TimelineRepository,
  VideoRepository,
} from '@vpe-storage/core';
import { StorageError } from '@vpe-storage/core';
import type { SqlDialect } from '../dialect/sql-dialect.js';
import type { SqlDatabase, SqlExecutor } from '../executor/sql-executor.js';
import type { Migration } from '../migrations/migration.js';
import { MigrationRunner } from '../migrations/runner.js';
import { createRepositories } from '../repositories/create-repositories.js';
import { domainIssues } from './domain-integrity.js';
import { LateBoundDatabase } from './late-bound-database.js';
import { countAll, exportFromSnapshot, importInto, referencesFromSnapshot } from './records-io.js';
import { insideTransactionOf, transactionScope } from './transaction-scope.js';

/** What a concrete SQL storage gives the shared implementation. */
export interface SqlStorageOptions {
  kind: string;
  capabilities: StorageCapabilities;
  dialect: SqlDialect;
  migrations: readonly Migration[];
  bulkInsertBatchSize: number;
  /** Statement that defers foreign-key checks to commit inside a transaction (imports), or null. */
  deferConstraints: string | null;
}

/** Size figures of a backend, for `stats()`. */
export interface SizeDetails {
  sizeBytes: number | null;
  details: Record<string, unknown>;
}

/**
 * BaseStorage over any SQL engine: repositories, transactions, migrations, export/import, references and
 * the domain half of `checkIntegrity` are implemented here once. An adapter supplies the driver
 * (`openDatabase`), maintenance (`vacuum`, `sizeDetails`, `structuralIssues`) and may adopt older
 * schemas before migrating (`beforeMigrate`).
 */
export abstract class SqlStorage implements BaseStorage {
  readonly kind: string;
  readonly capabilities: StorageCapabilities;
  readonly videos: VideoRepository;
  readonly scenes: SceneRepository;
  readonly annotations: AnnotationRepository;
  readonly detections: DetectionRepository;
  readonly timelines: TimelineRepository;
  readonly jobs: JobRepository;
  readonly models: ModelRepository;
  readonly audit: AuditRepository;

  protected readonly dialect: SqlDialect;
  protected readonly runner: MigrationRunner;
  private readonly options: SqlStorageOptions;
  /** Delegates to the open database, or rejects with `CLOSED` before `initialize()` and after `close()`. */
  protected readonly db: LateBoundDatabase;
  private opening: Promise<void> | null = null;
  private closed = false;

  /** Builds the repositories over a late-bound database; nothing is opened before `initialize()`. */
  protected constructor(options: SqlStorageOptions) {
    this.options = options;
    this.kind = options.kind;
    this.capabilities = options.capabilities;
    this.dialect = options.dialect;
    this.db = new LateBoundDatabase(options.kind);
    this.runner = new MigrationRunner(this.db, options.dialect, options.migrations);
    const repos = createRepositories({
      exec: this.db,
      d: options.dialect,
      batchSize: options.bulkInsertBatchSize,
    });
    this.videos = repos.videos;
    this.scenes = repos.scenes;
    this.annotations = repos.annotations;
    this.detections = repos.detections;
    this.timelines = repos.timelines;
    this.jobs = repos.jobs;
    this.models = repos.models;
    this.audit = repos.audit;
  }

  /** Opens the driver's database (connection, pragmas). */
  protected abstract openDatabase(): Promise<SqlDatabase>;
  /** Closes what `openDatabase` opened. */
  protected abstract closeDatabase(db: SqlDatabase): Promise<void>;
  /** Reclaims space and refreshes planner statistics. */
  abstract vacuum(): Promise<void>;
  /** Backend-specific size figures. */
  protected abstract sizeDetails(db: SqlDatabase): Promise<SizeDetails>;
  /** The engine's own checks (page structure, foreign keys). */
  protected abstract structuralIssues(db: SqlDatabase): Promise<IntegrityIssue[]>;
  /** Runs before migrations; adapters adopt legacy schemas here. */
  protected async beforeMigrate(_db: SqlDatabase): Promise<void> {}

  /** Opens the database and applies pending migrations. Calling it again (even concurrently) is a no-op. */
  initialize(): Promise<void> {
    this.opening ??= this.openAndMigrate().catch((err: unknown) => {
      this.opening = null;
      throw err;
    });
    return this.opening;
  }

  private async openAndMigrate(): Promise<void> {
    if (this.closed)
      throw new StorageError('CLOSED', `the ${this.kind} storage is closed: open a new instance`);
    const db = await this.openDatabase();
    try {
      await this.beforeMigrate(db);
      this.db.bind(db);
      await this.runner.migrate();
    } catch (err) {
      this.db.unbind();
      await this.closeDatabase(db).catch(() => undefined);
      throw err;
    }
  }

  /** Closes the database; later calls reject with `CLOSED`. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    await this.opening?.catch(() => undefined);
    const db = this.db.unbind();
    if (db) await this.closeDatabase(db);
  }

  /** Highest applied migration version. */
  async schemaVersion(): Promise<number> {
    return this.runner.current();
  }

  /** Every known migration with its applied time. */
  async migrations(): Promise<MigrationStatus[]> {
    return this.runner.status();
  }

  /** Applies pending migrations up to `target`. */
  async migrate(target?: number): Promise<MigrationResult> {
    this.db.require();
    return this.runner.migrate(target);
  }

  /** Runs `fn` in one write transaction; `CONFLICT` when nested. */
  async transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T> {
    const db = this.db.require();
    if (insideTransactionOf(db)) {
      throw new StorageError(
        'CONFLICT',
        'nested transaction: use the tx repositories of the enclosing transaction',
      );
    }
    return db.transaction(async (tx) => {
      let active = true;
      const repos = createRepositories({
        exec: finishedGuard(tx, () => active),
        d: this.dialect,
        batchSize: this.options.bulkInsertBatchSize,
      });
      try {
        return await transactionScope.run(db, () => fn(repos));
      } finally {
        active = false;
      }
    }, 'write');
  }

  /** Row counts, schema version and the backend's size figures. */
  async stats(): Promise<StorageStats> {
    const db = this.db.require();
    const rows = await countAll(db, this.dialect);
    const size = await this.sizeDetails(db);
    return {
      backend: this.kind,
      schemaVersion: await this.runner.current(),
      rows,
      sizeBytes: size.sizeBytes,
      details: size.details,
    };
  }

  /** The engine's checks, then the domain checks of every row. */
  async checkIntegrity(): Promise<IntegrityIssue[]> {
    const db = this.db.require();
    const issues = await this.structuralIssues(db);
    const snapshot = await db.openSnapshot();
    try {
      issues.push(...(await domainIssues(snapshot, this.dialect)));
    } finally {
      await snapshot.close();
    }
    return issues;
  }

  /** Every record, tables in dependency order, from one snapshot. */
  async *exportRecords(): AsyncGenerator<ExportRecord> {
    const snapshot = await this.db.require().openSnapshot();
    try {
      yield* exportFromSnapshot(snapshot, this.dialect);
    } finally {
      await snapshot.close();
    }
  }

  /** Loads exported records into this empty store, all or nothing. */
  async importRecords(records: AsyncIterable<ExportRecord> | Iterable<ExportRecord>): Promise<ImportResult> {
    const db = this.db.require();
    return db.transaction(
      (tx) =>
        importInto(
          tx,
          this.dialect,
          records,
          this.options.bulkInsertBatchSize,
          this.options.deferConstraints,
        ),
      'bulk',
    );
  }

  /** Every FileStore key named by a record, from one snapshot. */
  async *fileReferences(): AsyncGenerator<FileReference> {
    const snapshot = await this.db.require().openSnapshot();
    try {
      yield* referencesFromSnapshot(snapshot, this.dialect);
    } finally {
      await snapshot.close();
    }
  }
}

/** An executor that refuses work once its transaction has finished (a `tx` kept past `fn`). */
function finishedGuard(tx: SqlExecutor, active: () => boolean): SqlExecutor {
  const check = () => {
    if (!active())
      throw new StorageError('CONFLICT', 'transaction already finished: start a new transaction');
  };
  return {
    get inTransaction() {
      return true;
    },
    all: async (sql, params) => {
      check();
      return tx.all(sql, params);
    },
    get: async (sql, params) => {
      check();
      return tx.get(sql, params);
    },
    run: async (sql, params) => {
      check();
      return tx.run(sql, params);
    },
    runMany: async (sql, rows) => {
      check();
      return tx.runMany(sql, rows);
    },
    exec: async (script) => {
      check();
      return tx.exec(script);
    },
    transaction: async (fn, mode) => {
      check();
      return tx.transaction(fn, mode);
    },
  };
}
