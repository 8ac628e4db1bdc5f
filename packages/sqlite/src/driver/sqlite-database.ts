import { StorageError } from '@vpe-storage/core';
import {
  insideTransactionOf,
  type SqlDatabase,
  type SqlExecutor,
  type SqlRow,
  type SqlRunResult,
  type SqlSnapshot,
  type SqlValue,
  type TransactionMode,
} from '@vpe-storage/sql';
import Database from 'better-sqlite3';
import { Mutex } from './mutex.js';
import { mapSqliteError } from './sqlite-errors.js';
import { SqliteSnapshot } from './sqlite-snapshot.js';

type Params = readonly SqlValue[];

/**
 * The async executor over one synchronous better-sqlite3 connection. A transaction holds a FIFO mutex
 * from BEGIN to COMMIT, so no other caller's statement lands inside it; a statement issued while no
 * transaction is open runs at once (no queue, no extra tick). Prepared statements are cached by text.
 */
export class SqliteDatabase implements SqlDatabase {
  readonly inTransaction = false;
  /** Statements executed so far (tests use it to prove that invalid input never reaches SQL). */
  statementCount = 0;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly mutex = new Mutex();
  private txOpen = false;
  private readonly tx: SqlExecutor;

  /** Wraps an open connection; `file` is the database path (null for `:memory:`), used for snapshots. */
  constructor(
    readonly connection: Database.Database,
    private readonly file: string | null,
    private readonly timeoutMs: number,
  ) {
    this.tx = this.transactionExecutor();
  }

  /** Every row of a query. */
  all<R extends SqlRow = SqlRow>(sql: string, params: Params = []): Promise<R[]> {
    return this.direct(() => this.allNow<R>(sql, params));
  }

  /** The first row of a query, or undefined. */
  get<R extends SqlRow = SqlRow>(sql: string, params: Params = []): Promise<R | undefined> {
    return this.direct(() => this.getNow<R>(sql, params));
  }

  /** Runs one write statement. */
  run(sql: string, params: Params = []): Promise<SqlRunResult> {
    return this.direct(() => this.runNow(sql, params));
  }

  /** Runs one prepared statement per row (in a transaction when called outside one). */
  runMany(sql: string, rows: readonly Params[]): Promise<number> {
    return this.transaction(async (tx) => tx.runMany(sql, rows));
  }

  /** Runs a DDL script. */
  exec(script: string): Promise<void> {
    return this.direct(() => this.execNow(script));
  }

  /** Runs `fn` in one transaction (BEGIN IMMEDIATE for writes); joins the open one from inside it. */
  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>, mode: TransactionMode = 'write'): Promise<T> {
    if (this.txOpen && insideTransactionOf(this)) return fn(this.tx);
    return this.mutex.run(async () => {
      this.execNow(mode === 'read' ? 'BEGIN' : 'BEGIN IMMEDIATE');
      this.txOpen = true;
      try {
        const result = await fn(this.tx);
        this.execNow('COMMIT');
        return result;
      } catch (err) {
        // A failed COMMIT (deferred foreign keys) leaves the transaction open: roll it back too.
        if (this.connection.inTransaction) {
          try {
            this.connection.exec('ROLLBACK');
          } catch {
            // the original error is the one worth reporting
          }
        }
        throw err;
      } finally {
        this.txOpen = false;
      }
    });
  }

  /** A read snapshot on a second connection (file), or on a copy of the database (`:memory:`). */
  async openSnapshot(): Promise<SqlSnapshot> {
    if (this.file !== null) {
      const conn = this.open(
        () =>
          new Database(this.file as string, { readonly: true, fileMustExist: true, timeout: this.timeoutMs }),
      );
      return new SqliteSnapshot(conn);
    }
    const image =
      this.txOpen && insideTransactionOf(this)
        ? this.serialize()
        : await this.mutex.run(async () => this.serialize());
    return new SqliteSnapshot(this.open(() => new Database(image)));
  }

  /** Runs a synchronous operation on the connection while holding the lock (VACUUM, checkpoints). */
  exclusive<T>(op: () => T): Promise<T> {
    return this.direct(() => {
      this.statementCount++;
      try {
        return op();
      } catch (err) {
        throw mapSqliteError(err);
      }
    });
  }

  /** Closes the connection after the open transaction, if any, has finished. */
  async close(): Promise<void> {
    await this.mutex.run(async () => {
      this.statements.clear();
      if (this.connection.open) this.connection.close();
    });
  }

  private serialize(): Buffer {
    try {
      return this.connection.serialize();
    } catch (err) {
      throw mapSqliteError(err, 'copying the in-memory database');
    }
  }

  private open(make: () => Database.Database): Database.Database {
    try {
      return make();
    } catch (err) {
      throw mapSqliteError(err, 'opening a read snapshot');
    }
  }

  /** Runs `op` now when no transaction is open (or when called from inside it), else after it. */
  private direct<T>(op: () => T): Promise<T> {
    if (this.mutex.idle || (this.txOpen && insideTransactionOf(this))) {
      try {
        return Promise.resolve(op());
      } catch (err) {
        return Promise.reject(err);
      }
    }
    return this.mutex.run(async () => op());
  }

  private statement(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (stmt === undefined) {
      if (!this.connection.open) {
        throw new StorageError('CLOSED', 'the sqlite storage is closed: open a new instance');
      }
      stmt = this.connection.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  // Parameters are spread: better-sqlite3 binds separate arguments measurably faster than one array.
  private allNow<R>(sql: string, params: Params): R[] {
    this.statementCount++;
    try {
      return this.statement(sql).all(...params) as R[];
    } catch (err) {
      throw mapSqliteError(err);
    }
  }

  private getNow<R>(sql: string, params: Params): R | undefined {
    this.statementCount++;
    try {
      return this.statement(sql).get(...params) as R | undefined;
    } catch (err) {
      throw mapSqliteError(err);
    }
  }

  private runNow(sql: string, params: Params): SqlRunResult {
    this.statementCount++;
    try {
      return { changes: this.statement(sql).run(...params).changes };
    } catch (err) {
      throw mapSqliteError(err);
    }
  }

  private runManyNow(sql: string, rows: readonly Params[]): number {
    let changes = 0;
    try {
      const stmt = this.statement(sql);
      for (const row of rows) {
        this.statementCount++;
        changes += stmt.run(...row).changes;
      }
    } catch (err) {
      throw mapSqliteError(err);
    }
    return changes;
  }

  private execNow(script: string): void {
    this.statementCount++;
    try {
      this.connection.exec(script);
    } catch (err) {
      throw mapSqliteError(err);
    }
  }

  /** The executor handed to `fn`: statements run at once on the connection, nested transactions join. */
  private transactionExecutor(): SqlExecutor {
    return {
      inTransaction: true,
      all: async (sql, params = []) => this.allNow(sql, params),
      get: async (sql, params = []) => this.getNow(sql, params),
      run: async (sql, params = []) => this.runNow(sql, params),
      runMany: async (sql, rows) => this.runManyNow(sql, rows),
      exec: async (script) => this.execNow(script),
      transaction: (fn) => fn(this.tx),
    };
  }
}
