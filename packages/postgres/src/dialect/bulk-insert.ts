import type { SqlExecutor, SqlValue } from '@vpe-storage/sql';
import { PgTransaction } from '../driver/pg-transaction.js';

const MAX_PARAMS = 65_535;

/**
 * Inserts rows inside the caller's transaction: with COPY FROM STDIN on the transaction's client, or,
 * for an executor that is not ours, with multi-row INSERTs through its `run`.
 */
export async function pgBulkInsert(
  tx: SqlExecutor,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly SqlValue[])[],
): Promise<void> {
  if (rows.length === 0) return;
  if (tx instanceof PgTransaction) {
    await tx.copyRows(table, columns, rows);
    return;
  }
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  for (let i = 0; i < rows.length; i += perStatement) {
    const part = rows.slice(i, i + perStatement);
    let n = 0;
    const tuples = part.map((row) => `(${row.map(() => `$${++n}`).join(', ')})`);
    await tx.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, part.flat());
  }
}
