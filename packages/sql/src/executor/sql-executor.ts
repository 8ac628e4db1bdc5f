/** A value bound to a placeholder; each dialect converts domain values into what its driver accepts. */
export type SqlValue = string | number | bigint | boolean | null | Date | Uint8Array;

/** One result row, keyed by column name. */
export type SqlRow = Record<string, unknown>;

/** What a write statement did. */
export interface SqlRunResult {
  /** Rows inserted, updated or deleted. */
  changes: number;
}

/**
 * Whether a transaction will write (SQLite: BEGIN IMMEDIATE), only read, or only insert many rows from a
 * producer of any speed (`bulk`: a write transaction; pg: no statement timeout, no schema write lock).
 */
export type TransactionMode = 'write' | 'read' | 'bulk';

/**
 * The async driver interface the shared repositories run on. SQL text reaching an executor has already
 * been rewritten by the dialect (placeholders, literals); every failure is a `StorageError`.
 */
export interface SqlExecutor {
  /** Every row of a query. */
  all<R extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<R[]>;
  /** The first row of a query, or undefined. */
  get<R extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<R | undefined>;
  /** Runs one write statement. */
  run(sql: string, params?: readonly SqlValue[]): Promise<SqlRunResult>;
  /** Runs one statement once per parameter row (one prepared statement); returns the total changes. */
  runMany(sql: string, rows: readonly (readonly SqlValue[])[]): Promise<number>;
  /** Runs a script of several statements without parameters (DDL). */
  exec(script: string): Promise<void>;
  /**
   * Runs `fn` in one transaction. Called on an executor that is already inside a transaction, `fn` joins it
   * (repositories compose); callers never interleave into another caller's open transaction.
   */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>, mode?: TransactionMode): Promise<T>;
  /** True for the executor handed to a transaction's `fn`. */
  readonly inTransaction: boolean;
}

/** A consistent read-only view of the whole database, for streaming exports. */
export interface SqlSnapshot {
  /** Streams the rows of a query, one at a time. */
  stream<R extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): AsyncIterable<R>;
  /** Ends the snapshot and releases its connection. */
  close(): Promise<void>;
}

/** The root executor of a storage: statements, transactions and snapshots. */
export interface SqlDatabase extends SqlExecutor {
  /** Opens a snapshot that later writes do not change (SQLite: a second connection; pg: REPEATABLE READ). */
  openSnapshot(): Promise<SqlSnapshot>;
}
