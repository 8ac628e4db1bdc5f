import type { TableName } from '@vpe-storage/core';
import type { SqlDialect } from '../dialect/sql-dialect.js';
import type { SqlRow, SqlValue } from '../executor/sql-executor.js';

/** How one table's rows map to records and back; `columns` is the order of `toRow`'s values. */
export interface TableMapper<R> {
  readonly table: TableName;
  readonly columns: readonly string[];
  /** Primary-key columns, the order of a stable full scan (export). */
  readonly key: readonly string[];
  /** Record → column values, in `columns` order. */
  toRow(record: R, d: SqlDialect): SqlValue[];
  /** Row → record. */
  fromRow(row: SqlRow, d: SqlDialect): R;
}

/** A number column (pg returns BIGINT and NUMERIC as strings). */
export function num(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

/** A nullable text column. */
export function textOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** A nullable timestamp column. */
export function timestampOrNull(value: unknown, d: SqlDialect): string | null {
  return value === null || value === undefined ? null : d.readTimestamp(value);
}

/** A JSON object column that may hold NULL (read as `{}`). */
export function objectOf(value: unknown, d: SqlDialect): Record<string, never> {
  if (value === null || value === undefined) return {};
  return d.readJson(value) as Record<string, never>;
}

/** A nullable JSON column. */
export function jsonOrNull(value: unknown, d: SqlDialect): Record<string, never> | null {
  return value === null || value === undefined ? null : (d.readJson(value) as Record<string, never>);
}

/** `INSERT INTO table (columns) VALUES (?, …)` for a mapper. */
export function insertSql(mapper: TableMapper<unknown>): string {
  return `INSERT INTO ${mapper.table} (${mapper.columns.join(', ')}) VALUES (${mapper.columns.map(() => '?').join(', ')})`;
}
