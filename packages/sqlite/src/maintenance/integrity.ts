import type { IntegrityIssue } from '@vpe-storage/core';
import type { SqliteDatabase } from '../driver/sqlite-database.js';

interface ForeignKeyViolation {
  table: string;
  rowid: number | null;
  parent: string;
}

/** `PRAGMA integrity_check` and `PRAGMA foreign_key_check`, as integrity issues naming the row's id. */
export async function sqliteStructuralIssues(db: SqliteDatabase): Promise<IntegrityIssue[]> {
  return db.exclusive(() => {
    const c = db.connection;
    const issues: IntegrityIssue[] = [];
    for (const row of c.pragma('integrity_check') as { integrity_check: string }[]) {
      if (row.integrity_check === 'ok') continue;
      issues.push({
        severity: 'error',
        check: 'SQLITE_INTEGRITY',
        message: `SQLite integrity_check: ${row.integrity_check}: restore the database from a backup`,
      });
    }
    for (const v of c.pragma('foreign_key_check') as ForeignKeyViolation[]) {
      const found = c.prepare(`SELECT id FROM "${v.table}" WHERE rowid = ?`).get(v.rowid) as
        | { id?: unknown }
        | undefined;
      const id = found?.id === undefined ? undefined : String(found.id);
      issues.push({
        severity: 'error',
        check: 'FOREIGN_KEY',
        table: v.table,
        ...(id === undefined ? {} : { id }),
        message: `${v.table} ${JSON.stringify(id ?? v.rowid)} references a missing row of ${v.parent}: delete the row or restore its parent`,
      });
    }
    return issues;
  });
}
