import type { IntegrityIssue } from '@vpe-storage/core';
import type { SqlExecutor } from '@vpe-storage/sql';

/**
 * What PostgreSQL itself can be wrong about once it enforces every constraint: indexes left invalid by a
 * failed concurrent build, and constraints added NOT VALID that were never validated.
 */
export async function pgStructuralIssues(db: SqlExecutor): Promise<IntegrityIssue[]> {
  const issues: IntegrityIssue[] = [];
  const indexes = await db.all(
    'SELECT t.relname AS table_name, i.relname AS index_name FROM pg_index x' +
      ' JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid' +
      ' WHERE t.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) AND NOT (x.indisvalid AND x.indisready)',
  );
  for (const r of indexes) {
    issues.push({
      severity: 'error',
      check: 'INVALID_INDEX',
      table: String(r.table_name),
      message: `index ${String(r.index_name)} of ${String(r.table_name)} is invalid: REINDEX INDEX ${String(r.index_name)}`,
    });
  }
  const constraints = await db.all(
    'SELECT t.relname AS table_name, c.conname FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid' +
      ' WHERE t.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) AND NOT c.convalidated',
  );
  for (const r of constraints) {
    issues.push({
      severity: 'error',
      check: 'UNVALIDATED_CONSTRAINT',
      table: String(r.table_name),
      message: `constraint ${String(r.conname)} of ${String(r.table_name)} was never validated: ALTER TABLE ${String(r.table_name)} VALIDATE CONSTRAINT ${String(r.conname)}`,
    });
  }
  return issues;
}
