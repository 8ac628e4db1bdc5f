import { TABLES } from '@vpe-storage/core';
import { SCHEMA_SHAPE, type SchemaShape } from '@vpe-storage/sql';
import Database from 'better-sqlite3';
import { expect, test } from 'vitest';
import { openTempStorage } from './helpers/temp-db.js';

/** The shape of the domain tables of a SQLite file, read from sqlite_master and pragma foreign_key_list. */
function readShape(file: string): SchemaShape {
  const db = new Database(file, { readonly: true });
  try {
    const checks: string[] = [];
    const foreignKeys: string[] = [];
    for (const table of TABLES) {
      const { sql } = db
        .prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?")
        .get(table) as {
        sql: string;
      };
      for (const m of sql.matchAll(/CONSTRAINT\s+(\w+)\s+CHECK/gi)) checks.push(`${table}.${m[1]}`);
      const fks = db.prepare(`SELECT * FROM pragma_foreign_key_list('${table}') ORDER BY id, seq`).all() as {
        id: number;
        table: string;
        from: string;
        on_delete: string;
      }[];
      for (const id of new Set(fks.map((f) => f.id))) {
        const cols = fks.filter((f) => f.id === id);
        const first = cols[0] as (typeof cols)[number];
        const columns = cols.map((c) => c.from).join(', ');
        foreignKeys.push(`${table}(${columns}) -> ${first.table} ON DELETE ${first.on_delete}`);
      }
    }
    const indexes = (
      db
        .prepare(
          `SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${TABLES.map(() => '?').join(', ')})`,
        )
        .all(...TABLES) as { name: string }[]
    ).map((r) => r.name);
    return { checks: checks.sort(), foreignKeys: foreignKeys.sort(), indexes: indexes.sort() };
  } finally {
    db.close();
  }
}

test('the migrated SQLite schema has the shared SCHEMA_SHAPE (checks, foreign keys, indexes)', async () => {
  const t = await openTempStorage();
  try {
    expect(readShape(t.file)).toEqual(SCHEMA_SHAPE);
  } finally {
    await t.dispose();
  }
});
