import type { SqlExecutor } from '@vpe-storage/sql';

// One key per schema, so stores in different schemas of one database migrate independently.
const LOCK =
  "SELECT pg_advisory_xact_lock(hashtextextended('vpe-storage/migrate/' || coalesce(current_schema(), ''), 0))";

/**
 * Runs `fn` holding a transaction-scoped advisory lock: processes starting at once queue here, and the
 * runner's re-check inside makes the later ones find the migrations applied. The migrations themselves
 * join this transaction (DDL is transactional in PostgreSQL), so a failure leaves nothing half-done.
 */
export function pgMigrationLock<T>(db: SqlExecutor, fn: () => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.get(LOCK);
    return fn();
  }, 'write');
}
