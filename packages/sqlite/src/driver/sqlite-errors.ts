import type { StorageError } from '@vpe-storage/core';
import { type DriverErrorInfo, type DriverErrorTable, mapDriverError } from '@vpe-storage/sql';

/** better-sqlite3's extended result codes → StorageError codes (prefixes match longer codes). */
export const SQLITE_ERROR_TABLE: DriverErrorTable = {
  SQLITE_CONSTRAINT_FOREIGNKEY: {
    code: 'CONSTRAINT',
    hint: 'a referenced record (video, scene, timeline version) does not exist: create the parent first',
  },
  SQLITE_CONSTRAINT_PRIMARYKEY: {
    code: 'ALREADY_EXISTS',
    hint: 'a record with this id already exists: use another id',
  },
  SQLITE_CONSTRAINT_UNIQUE: {
    code: 'ALREADY_EXISTS',
    hint: 'a record with this unique value already exists: use another value',
  },
  SQLITE_CONSTRAINT_CHECK: {
    code: 'CONSTRAINT',
    hint: 'the row breaks a CHECK constraint of the schema: fix the value',
  },
  SQLITE_CONSTRAINT: { code: 'CONSTRAINT', hint: 'the row breaks a constraint of the schema: fix the value' },
  SQLITE_BUSY: {
    code: 'UNAVAILABLE',
    retryable: true,
    hint: 'the database stayed locked by another connection for longer than timeoutMs: retry, or raise database.timeoutMs',
  },
  SQLITE_LOCKED: {
    code: 'UNAVAILABLE',
    retryable: true,
    hint: 'a table is locked by another statement: retry',
  },
  SQLITE_CORRUPT: { code: 'INTEGRITY', hint: 'the database file is corrupt: restore it from a backup' },
  SQLITE_NOTADB: { code: 'INTEGRITY', hint: 'the file is not a SQLite database: check the database URL' },
  SQLITE_FULL: { code: 'NO_SPACE', hint: 'the disk is full: free space and retry' },
  SQLITE_READONLY: {
    code: 'PERMISSION_DENIED',
    hint: 'the database is read-only: check the file permissions',
  },
  SQLITE_PERM: { code: 'PERMISSION_DENIED', hint: 'access was denied: check the file permissions' },
  SQLITE_AUTH: { code: 'PERMISSION_DENIED', hint: 'access was denied' },
  SQLITE_CANTOPEN: {
    code: 'UNAVAILABLE',
    retryable: false,
    hint: 'the database file cannot be opened: check that its folder exists and is writable',
  },
  SQLITE_IOERR: {
    code: 'UNAVAILABLE',
    retryable: true,
    hint: 'a disk I/O error occurred: check the disk and retry',
  },
  SQLITE_NOMEM: {
    code: 'UNAVAILABLE',
    retryable: true,
    hint: 'SQLite ran out of memory: retry with smaller batches',
  },
  SQLITE_INTERRUPT: { code: 'UNAVAILABLE', retryable: true, hint: 'the statement was interrupted: retry' },
  SQLITE_TOOBIG: {
    code: 'VALIDATION',
    hint: 'a value is larger than SQLite allows: store it as a file instead',
  },
  SQLITE_MISMATCH: { code: 'VALIDATION', hint: 'a value has the wrong type for its column' },
};

/** Reads the code and message of a better-sqlite3 `SqliteError`. */
export function extractSqliteError(err: unknown): DriverErrorInfo | null {
  const e = err as { code?: unknown; message?: unknown; name?: unknown } | null;
  if (e && typeof e.code === 'string' && e.code.startsWith('SQLITE_')) {
    return { code: e.code, message: String(e.message) };
  }
  return null;
}

/** Maps anything better-sqlite3 throws to a StorageError. */
export function mapSqliteError(err: unknown, context?: string): StorageError {
  return mapDriverError(err, SQLITE_ERROR_TABLE, extractSqliteError, context);
}
