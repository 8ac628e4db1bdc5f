import { z } from 'zod';
import type { StorageRawReader } from '../../conformance/types.js';
import type {
  BaseStorage,
  ExportRecord,
  FileReference,
  ImportResult,
  IntegrityIssue,
  MigrationResult,
  MigrationStatus,
  StorageCapabilities,
  StorageStats,
} from '../../contracts/base-storage.js';
import type {
  AnnotationRepository,
  AuditRepository,
  DetectionRepository,
  JobRepository,
  ModelRepository,
  Repositories,
  SceneRepository,
  TimelineRepository,
  VideoRepository,
} from '../../contracts/index.js';
import { parseOrThrow } from '../../errors/from-zod.js';
import { StorageError } from '../../errors/storage-error.js';
import { nowIso } from '../../ids/new-id.js';
import { collect } from '../../pagination/iterate.js';
import { DatabaseConfigSchema } from '../../schemas/config.js';
import type { DetectionInput } from '../../schemas/detection.js';
import { TABLES, type TableName } from '../../schemas/records.js';
import { exportTables, importTables } from './export-import.js';
import { collectFileReferences } from './file-references.js';
import { guardRepositories } from './guard.js';
import { checkTables } from './integrity.js';
import { isIterable } from './iterables.js';
import { LATEST_MEMORY_VERSION, MEMORY_MIGRATIONS, migrationStatuses } from './migrations.js';
import { MemoryAnnotationRepository } from './repositories/annotations.js';
import { MemoryAuditRepository } from './repositories/audit.js';
import { MemoryDetectionRepository } from './repositories/detections.js';
import { MemoryJobRepository } from './repositories/jobs.js';
import { MemoryModelRepository } from './repositories/models.js';
import { MemorySceneRepository } from './repositories/scenes.js';
import { MemoryTimelineRepository } from './repositories/timelines.js';
import { MemoryVideoRepository } from './repositories/videos.js';
import { Serializer } from './serializer.js';
import { cloneTables, countRows, isEmpty, MemoryDb, type Tables } from './tables.js';

/** Options of {@link MemoryStorage}. */
export interface MemoryStorageOptions {
  /** Batch size of `detections.insertMany` (validated like the config's; memory inserts in one step anyway). */
  bulkInsertBatchSize?: number;
}

const OptionsSchema = z.object({
  bulkInsertBatchSize: DatabaseConfigSchema.shape.bulkInsertBatchSize,
});

/**
 * The in-memory reference `BaseStorage`: it enforces every rule the SQL schema enforces (unique ids,
 * foreign keys with their ON DELETE rules, checks, state machines), so SQL backends can be held to it.
 * Calls are serialized; a transaction works on the live tables and restores a snapshot on failure.
 */
export class MemoryStorage implements BaseStorage {
  readonly kind = 'memory';
  readonly capabilities: StorageCapabilities = { multiProcess: false, persistent: false };
  readonly videos: VideoRepository;
  readonly scenes: SceneRepository;
  readonly annotations: AnnotationRepository;
  readonly detections: DetectionRepository;
  readonly timelines: TimelineRepository;
  readonly jobs: JobRepository;
  readonly models: ModelRepository;
  readonly audit: AuditRepository;

  /** The tables every repository works on. */
  protected readonly db: MemoryDb;
  /** The repositories without locking: what a transaction hands to its callback (through a guard). */
  private readonly repos: Repositories;
  private readonly serializer = new Serializer();
  private readonly appliedAt = new Map<number, string>();
  private closed = false;

  /** A new, empty store; `VALIDATION` when an option is out of range. */
  constructor(options: MemoryStorageOptions = {}) {
    const { bulkInsertBatchSize } = parseOrThrow(OptionsSchema, options, 'memory storage options');
    this.db = new MemoryDb(bulkInsertBatchSize);
    this.repos = this.createRepositories(this.db);
    const guarded = guardRepositories(this.repos, (call) => this.call(call));
    this.videos = guarded.videos;
    this.scenes = guarded.scenes;
    this.annotations = guarded.annotations;
    this.timelines = guarded.timelines;
    this.jobs = guarded.jobs;
    this.models = guarded.models;
    this.audit = guarded.audit;
    // An async source may itself await other calls: drain it before taking the lock.
    this.detections = {
      ...guarded.detections,
      insertMany: async (items: Iterable<DetectionInput> | AsyncIterable<DetectionInput>) => {
        this.assertOpen();
        const all = this.serializer.insideTransaction() || !isIterable(items) ? items : await collect(items);
        return this.call(() => this.repos.detections.insertMany(all));
      },
    };
  }

  /** Builds the repositories over `db` (broken variants in tests override this). */
  protected createRepositories(db: MemoryDb): Repositories {
    return {
      videos: new MemoryVideoRepository(db),
      scenes: new MemorySceneRepository(db),
      annotations: new MemoryAnnotationRepository(db),
      detections: new MemoryDetectionRepository(db),
      timelines: new MemoryTimelineRepository(db),
      jobs: new MemoryJobRepository(db),
      models: new MemoryModelRepository(db),
      audit: new MemoryAuditRepository(db),
    };
  }

  /** Applies the pseudo-migration. */
  async initialize(): Promise<void> {
    this.assertOpen();
    await this.migrate();
  }

  /** Releases the store; later calls reject with `CLOSED`. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
  }

  /** Highest applied migration version (0 before `initialize`). */
  async schemaVersion(): Promise<number> {
    this.assertOpen();
    return this.appliedVersion();
  }

  /** Highest applied pseudo-migration version, 0 when none. */
  private appliedVersion(): number {
    return Math.max(0, ...this.appliedAt.keys());
  }

  /** The pseudo-migration with its applied time. */
  async migrations(): Promise<MigrationStatus[]> {
    this.assertOpen();
    return migrationStatuses(this.appliedAt);
  }

  /** Applies pending pseudo-migrations up to `target`; `UNSUPPORTED` for a downgrade. */
  async migrate(target?: number): Promise<MigrationResult> {
    const to =
      parseOrThrow(
        z.number().int().min(0).max(LATEST_MEMORY_VERSION).optional(),
        target,
        'migration target',
      ) ?? LATEST_MEMORY_VERSION;
    return this.call(async () => {
      const from = this.appliedVersion();
      if (to < from) {
        throw new StorageError(
          'UNSUPPORTED',
          `cannot migrate down from ${from} to ${to}: restore a backup instead`,
        );
      }
      const now = nowIso();
      for (const m of MEMORY_MIGRATIONS)
        if (m.version > from && m.version <= to) this.appliedAt.set(m.version, now);
      const applied = migrationStatuses(this.appliedAt).filter((m) => m.version > from && m.version <= to);
      return { from, to: Math.max(from, to), applied };
    });
  }

  /** Runs `fn` alone on the live tables; restores the snapshot taken before it when it throws. */
  async transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T> {
    this.assertOpen();
    if (this.serializer.insideTransaction()) {
      throw new StorageError(
        'CONFLICT',
        'nested transaction: use the tx repositories of the enclosing transaction',
      );
    }
    return this.serializer.exclusive(async () => {
      this.assertOpen();
      const snapshot = cloneTables(this.db.tables);
      let active = true;
      const tx = guardRepositories(this.repos, async (call) => {
        if (!active) {
          throw new StorageError('CONFLICT', 'transaction already finished: start a new transaction');
        }
        this.assertOpen();
        return call();
      });
      try {
        return await fn(tx);
      } catch (err) {
        this.rollback(snapshot);
        throw err;
      } finally {
        active = false;
      }
    }, true);
  }

  /** Puts the tables back as they were when the transaction began. */
  protected rollback(snapshot: Tables): void {
    this.db.tables = snapshot;
  }

  /** Nothing to reclaim in memory. */
  async vacuum(): Promise<void> {
    await this.call(async () => undefined);
  }

  /** Row counts of every table. */
  async stats(): Promise<StorageStats> {
    return this.call(async () => ({
      backend: this.kind,
      schemaVersion: this.appliedVersion(),
      rows: Object.fromEntries(TABLES.map((t) => [t, countRows(this.db.tables, t)])) as Record<
        TableName,
        number
      >,
      sizeBytes: null,
      details: {},
    }));
  }

  /** Re-parses every record and looks for dangling references. */
  async checkIntegrity(): Promise<IntegrityIssue[]> {
    return this.call(async () => checkTables(this.db.tables));
  }

  /** Every record, from one snapshot taken at the first read. */
  async *exportRecords(): AsyncIterable<ExportRecord> {
    yield* await this.call(async () => exportTables(this.db.tables));
  }

  /** Loads exported records into this empty store, all or nothing. */
  async importRecords(records: AsyncIterable<ExportRecord> | Iterable<ExportRecord>): Promise<ImportResult> {
    this.assertOpen();
    const all =
      this.serializer.insideTransaction() || !isIterable(records) ? records : await collect(records);
    return this.call(async () => {
      if (!isEmpty(this.db.tables)) {
        throw new StorageError(
          'CONFLICT',
          'cannot import into a store that holds records: import into an empty store',
        );
      }
      const { tables, result } = await importTables(all);
      this.db.tables = tables;
      return result;
    });
  }

  /** Every FileStore key named by a record. */
  async *fileReferences(): AsyncIterable<FileReference> {
    yield* await this.call(async () => collectFileReferences(this.db.tables));
  }

  /** Reads the internal tables directly (for the conformance suite's raw checks). */
  rawReader(): StorageRawReader {
    return { countRows: async (table) => countRows(this.db.tables, table) };
  }

  /** `CLOSED` once `close()` was called. */
  protected assertOpen(): void {
    if (this.closed)
      throw new StorageError('CLOSED', 'the memory storage is closed: open a new MemoryStorage');
  }

  /** Runs one call alone, after checking the store is open. */
  private async call<T>(fn: () => Promise<T>): Promise<T> {
    this.assertOpen();
    return this.serializer.exclusive(async () => {
      this.assertOpen();
      return fn();
    });
  }
}
