import type { SqlExecutor, SqlValue } from '../executor/sql-executor.js';

/**
 * What differs between SQL engines, and nothing else: every domain query is written once in the
 * repositories with `?` placeholders and these hooks.
 */
export interface SqlDialect {
  /** `sqlite`, `postgres`, … */
  readonly name: string;
  /** Rewrites `?` placeholders into the driver's form (identity for SQLite, `$1…` for pg); memoized. */
  sql(text: string): string;
  /** Appended to the row-picking subquery of `claimNext` (pg: ` FOR UPDATE SKIP LOCKED`, SQLite: ''). */
  readonly skipLocked: string;
  /** Literal for true in SQL text, so partial indexes (`WHERE needs_review = 1`) match. */
  readonly trueLiteral: string;
  /** Most parameters one statement may bind (chunks `IN (…)` lists). */
  readonly maxParams: number;

  /** Boolean → column value (SQLite 0/1, pg BOOLEAN). */
  bool(value: boolean): SqlValue;
  /** Column value → boolean. */
  readBool(value: unknown): boolean;
  /** JSON value → column value (SQLite TEXT, pg JSONB). */
  json(value: unknown): SqlValue;
  /** Column value → JSON value (SQLite parses text; pg already returns objects). */
  readJson(value: unknown): unknown;
  /** ISO-8601 timestamp → column value (SQLite TEXT, pg TIMESTAMPTZ). */
  timestamp(iso: string): SqlValue;
  /** Column value → ISO-8601 string with milliseconds (pg returns Date). */
  readTimestamp(value: unknown): string;

  /** Inserts rows of one table inside the caller's transaction (SQLite: one prepared statement; pg: COPY/unnest). */
  bulkInsert(
    tx: SqlExecutor,
    table: string,
    columns: readonly string[],
    rows: readonly (readonly SqlValue[])[],
  ): Promise<void>;
  /** Runs `fn` holding the cross-process migration lock (SQLite: none needed, each migration is BEGIN IMMEDIATE; pg: advisory lock). */
  migrationLock<T>(db: SqlExecutor, fn: () => Promise<T>): Promise<T>;
}
