import { questionMarks, type SqlDialect, type SqlExecutor, type SqlValue } from '@vpe-storage/sql';

const insertTexts = new Map<string, string>();

/** `INSERT INTO table (columns) VALUES (?, …)`, built once per table and column list. */
function insertText(table: string, columns: readonly string[]): string {
  const key = `${table}(${columns.join(',')})`;
  let sql = insertTexts.get(key);
  if (sql === undefined) {
    sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
    insertTexts.set(key, sql);
  }
  return sql;
}

/** SQLite: `?` placeholders, 0/1 booleans, JSON and ISO timestamps as TEXT, writes serialized by the engine. */
export const sqliteDialect: SqlDialect = {
  name: 'sqlite',
  sql: questionMarks,
  // SQLite has one writer at a time: the UPDATE … WHERE id = (SELECT …) claim is already exclusive.
  skipLocked: '',
  trueLiteral: '1',
  maxParams: 32_766,
  bool: (value) => (value ? 1 : 0),
  readBool: (value) => value === 1 || value === true || value === 1n,
  json: (value) => JSON.stringify(value),
  readJson: (value) => (typeof value === 'string' ? JSON.parse(value) : value),
  timestamp: (iso) => iso,
  readTimestamp: (value) => String(value),
  // One prepared statement run once per row, inside the caller's transaction.
  bulkInsert: async (
    tx: SqlExecutor,
    table: string,
    columns: readonly string[],
    rows: readonly (readonly SqlValue[])[],
  ) => {
    await tx.runMany(insertText(table, columns), rows);
  },
  // Every migration runs under BEGIN IMMEDIATE and re-checks schema_migrations: no extra lock needed.
  migrationLock: (_db, fn) => fn(),
};
