import { StorageError } from '@vpe-storage/core';
import type {
  SqlDatabase,
  SqlExecutor,
  SqlRow,
  SqlRunResult,
  SqlSnapshot,
  SqlValue,
  TransactionMode,
} from '../executor/sql-executor.js';

/**
 * The root executor the repositories are built on before a database is open: it delegates to the
 * database bound by `initialize()` and rejects with `CLOSED` before and after.
 */
export class LateBoundDatabase implements SqlDatabase {
  private db: SqlDatabase | null = null;
  private closed = false;

  constructor(private readonly kind: string) {}

  /** Whether a database is bound. */
  get isOpen(): boolean {
    return this.db !== null;
  }

  /** Always false: this is the root executor. */
  get inTransaction(): boolean {
    return false;
  }

  /** Binds the opened database. */
  bind(db: SqlDatabase): void {
    this.db = db;
    this.closed = false;
  }

  /** Unbinds and returns the database (null when none was bound). */
  unbind(): SqlDatabase | null {
    const db = this.db;
    this.db = null;
    if (db) this.closed = true;
    return db;
  }

  /** The bound database, or `CLOSED`. */
  require(): SqlDatabase {
    if (this.db) return this.db;
    throw new StorageError(
      'CLOSED',
      this.closed
        ? `the ${this.kind} storage is closed: open a new instance`
        : `the ${this.kind} storage is not initialized: call initialize() first`,
    );
  }

  /** Delegates to the bound database. */
  all<R extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<R[]> {
    return this.require().all<R>(sql, params);
  }

  /** Delegates to the bound database. */
  get<R extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<R | undefined> {
    return this.require().get<R>(sql, params);
  }

  /** Delegates to the bound database. */
  run(sql: string, params?: readonly SqlValue[]): Promise<SqlRunResult> {
    return this.require().run(sql, params);
  }

  /** Delegates to the bound database. */
  runMany(sql: string, rows: readonly (readonly SqlValue[])[]): Promise<number> {
    return this.require().runMany(sql, rows);
  }

  /** Delegates to the bound database. */
  exec(script: string): Promise<void> {
    return this.require().exec(script);
  }

  /** Delegates to the bound database. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>, mode?: TransactionMode): Promise<T> {
    return this.require().transaction(fn, mode);
  }

  /** Delegates to the bound database. */
  openSnapshot(): Promise<SqlSnapshot> {
    return this.require().openSnapshot();
  }
}
