import { dollarNumbers, memoize, type SqlDialect } from '@vpe-storage/sql';
import { pgBulkInsert } from './bulk-insert.js';
import { pgMigrationLock } from './migration-lock.js';

/** PostgreSQL: `$n` placeholders, BOOLEAN, JSONB, TIMESTAMPTZ, SKIP LOCKED claims, COPY bulk inserts. */
export const postgresDialect: SqlDialect = {
  name: 'postgres',
  sql: memoize(dollarNumbers),
  skipLocked: ' FOR UPDATE SKIP LOCKED',
  trueLiteral: 'TRUE',
  maxParams: 65_535,
  bool: (value) => value,
  readBool: (value) => value === true || value === 't' || value === 1,
  // Sent as text and cast by the server to the column's JSONB; pg hands JSONB back already parsed.
  json: (value) => JSON.stringify(value),
  readJson: (value) => value,
  timestamp: (iso) => iso,
  // The pool reads TIMESTAMPTZ as ISO text already; a Date (another pool's parser) is converted.
  readTimestamp: (value) =>
    typeof value === 'string' && value.length === 24 && value.endsWith('Z')
      ? value
      : (value instanceof Date ? value : new Date(String(value))).toISOString(),
  bulkInsert: pgBulkInsert,
  migrationLock: pgMigrationLock,
};
