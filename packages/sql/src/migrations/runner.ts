import type { MigrationResult, MigrationStatus } from '@vpe-storage/core';
import { nowIso, StorageError } from '@vpe-storage/core';
import type { SqlDialect } from '../dialect/sql-dialect.js';
import type { SqlExecutor } from '../executor/sql-executor.js';
import { type Migration, migrationChecksum, SCHEMA_MIGRATIONS_DDL } from './migration.js';

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
  appliedAt: string;
}

/**
 * Applies migrations in version order, each in its own write transaction that first re-checks whether
 * another process applied it meanwhile; the dialect's lock hook makes concurrent starts migrate once.
 */
export class MigrationRunner {
  private readonly migrations: readonly Migration[];

  constructor(
    private readonly db: SqlExecutor,
    private readonly d: SqlDialect,
    migrations: readonly Migration[],
  ) {
    this.migrations = [...migrations].sort((a, b) => a.version - b.version);
  }

  /** The highest known version. */
  get latest(): number {
    return this.migrations[this.migrations.length - 1]?.version ?? 0;
  }

  /** Creates `schema_migrations` when missing. */
  async ensureTable(exec: SqlExecutor = this.db): Promise<void> {
    await exec.exec(SCHEMA_MIGRATIONS_DDL);
  }

  /** Applied migrations as recorded. */
  async applied(exec: SqlExecutor = this.db): Promise<AppliedRow[]> {
    const rows = await exec.all(
      this.d.sql('SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version'),
    );
    return rows.map((r) => ({
      version: Number(r.version),
      name: String(r.name),
      checksum: String(r.checksum),
      appliedAt: String(r.applied_at),
    }));
  }

  /** Highest applied version (0 when none). */
  async current(exec: SqlExecutor = this.db): Promise<number> {
    const rows = await this.applied(exec);
    return rows.reduce((max, r) => Math.max(max, r.version), 0);
  }

  /** Every known migration with its applied time. */
  async status(): Promise<MigrationStatus[]> {
    const applied = new Map((await this.applied()).map((r) => [r.version, r]));
    return this.migrations.map((m) => ({
      version: m.version,
      name: m.name,
      checksum: migrationChecksum(m),
      appliedAt: applied.get(m.version)?.appliedAt ?? null,
    }));
  }

  /** Refuses a database whose applied migrations differ from the code (`INTEGRITY`). */
  verify(applied: readonly AppliedRow[]): void {
    for (const row of applied) {
      const known = this.migrations.find((m) => m.version === row.version);
      if (!known) {
        throw new StorageError(
          'INTEGRITY',
          `the database has schema migration ${row.version} (${row.name}), newer than this package knows (latest ${this.latest}): upgrade the adapter package`,
          { details: { version: row.version, latest: this.latest } },
        );
      }
      const checksum = migrationChecksum(known);
      if (checksum !== row.checksum) {
        throw new StorageError(
          'INTEGRITY',
          `schema migration ${row.version} (${row.name}) changed after it was applied (checksum ${row.checksum.slice(0, 12)}… in the database, ${checksum.slice(0, 12)}… in the code): restore the original migration and put the change in a new one`,
          { details: { version: row.version, recorded: row.checksum, expected: checksum } },
        );
      }
    }
  }

  /** Applies pending migrations up to `target` (default: all). */
  async migrate(target?: number): Promise<MigrationResult> {
    const to = target ?? this.latest;
    if (!Number.isInteger(to) || to < 0 || to > this.latest) {
      throw new StorageError(
        'VALIDATION',
        `invalid migration target ${String(target)}: must be an integer from 0 to ${this.latest}`,
      );
    }
    return this.d.migrationLock(this.db, async () => {
      await this.ensureTable();
      const before = await this.applied();
      this.verify(before);
      const from = before.reduce((max, r) => Math.max(max, r.version), 0);
      if (to < from) {
        throw new StorageError(
          'UNSUPPORTED',
          `cannot migrate down from ${from} to ${to}: restore a backup instead`,
        );
      }
      const applied: MigrationStatus[] = [];
      for (const m of this.migrations) {
        if (m.version <= from || m.version > to) continue;
        const status = await this.db.transaction(async (tx) => {
          const done = await tx.get(this.d.sql('SELECT checksum FROM schema_migrations WHERE version = ?'), [
            m.version,
          ]);
          if (done) return null; // another process got there first
          await tx.exec(m.sql);
          const row: MigrationStatus = {
            version: m.version,
            name: m.name,
            checksum: migrationChecksum(m),
            appliedAt: nowIso(),
          };
          await this.record(tx, row);
          return row;
        }, 'write');
        if (status) applied.push(status);
      }
      return { from, to: Math.max(from, to), applied };
    });
  }

  /** Records a migration as applied (also used when adopting a legacy database). */
  async record(tx: SqlExecutor, row: MigrationStatus): Promise<void> {
    await tx.run(
      this.d.sql('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)'),
      [row.version, row.name, row.checksum, row.appliedAt ?? nowIso()],
    );
  }
}
