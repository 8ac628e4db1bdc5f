import { notFound, StorageError } from '@vpe-storage/core';
import type { SqlDialect } from '../dialect/sql-dialect.js';
import type { SqlExecutor, SqlValue } from '../executor/sql-executor.js';

/**
 * The error of a guarded UPDATE that changed no row: `NOT_FOUND` when the row was deleted meanwhile,
 * `CONFLICT` (retryable) when another writer moved its status first. `key` binds `id = ?` (and
 * `version = ?` for timelines).
 */
export async function lostUpdate(
  tx: SqlExecutor,
  d: SqlDialect,
  table: 'processing_jobs' | 'timelines',
  entity: string,
  key: readonly SqlValue[],
): Promise<StorageError> {
  const where = key.length === 1 ? 'id = ?' : 'id = ? AND version = ?';
  const row = await tx.get(d.sql(`SELECT status FROM ${table} WHERE ${where}`), key);
  const id = String(key[0]);
  if (!row) return notFound(entity, id);
  return new StorageError(
    'CONFLICT',
    `${entity} ${JSON.stringify(id)} changed to ${JSON.stringify(row.status)} meanwhile: read it again and retry`,
    { retryable: true, details: { entity, id, status: row.status } },
  );
}
