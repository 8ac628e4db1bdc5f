import { type Page, type PageRequest, pageWindow, StorageError, toPage } from '@vpe-storage/core';
import type { SqlDialect } from '../dialect/sql-dialect.js';
import type { SqlExecutor, SqlRow, SqlValue } from '../executor/sql-executor.js';

/** The type of one sort column, so cursor values are checked and bound correctly. */
export type KeyType = 'text' | 'number' | 'timestamp';

/** One paginated query: a SELECT without WHERE/ORDER/LIMIT, its filters, and the keyset order. */
export interface KeysetQuery<T> {
  /** `SELECT … FROM …` (may end in joins). */
  select: string;
  /** Filter conditions joined with AND, `?` placeholders. */
  where: readonly string[];
  params: readonly SqlValue[];
  /** Sort columns as written in SQL; the last one breaks ties (the id). */
  order: readonly string[];
  types: readonly KeyType[];
  descending?: boolean;
  /** Row → item. */
  map(row: SqlRow): T;
  /** The sort values of an item, in `order`'s order. */
  position(item: T): readonly unknown[];
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function badCursor(): StorageError {
  return new StorageError(
    'VALIDATION',
    'invalid page cursor: pass the nextCursor of a previous page of the same list',
  );
}

/** Checks and converts decoded cursor values: a forged cursor never reaches SQL with the wrong types. */
function cursorParams(after: unknown[], types: readonly KeyType[], d: SqlDialect): SqlValue[] {
  return after.map((value, i) => {
    const type = types[i];
    if (type === 'number') {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw badCursor();
      return value;
    }
    if (typeof value !== 'string') throw badCursor();
    if (type === 'timestamp') {
      if (!ISO.test(value)) throw badCursor();
      return d.timestamp(value);
    }
    return value;
  });
}

/** Runs one page of a keyset-paginated list: `(a, b) > (?, ?)` after the cursor, `limit + 1` rows fetched. */
export async function fetchPage<T>(
  exec: SqlExecutor,
  d: SqlDialect,
  q: KeysetQuery<T>,
  page: PageRequest | undefined,
): Promise<Page<T>> {
  const { limit, after } = pageWindow(page, q.order.length);
  const where = [...q.where];
  const params = [...q.params];
  if (after) {
    const cmp = q.descending ? '<' : '>';
    where.push(`(${q.order.join(', ')}) ${cmp} (${q.order.map(() => '?').join(', ')})`);
    params.push(...cursorParams(after, q.types, d));
  }
  const dir = q.descending ? ' DESC' : '';
  const sql =
    `${q.select}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}` +
    ` ORDER BY ${q.order.map((c) => `${c}${dir}`).join(', ')} LIMIT ?`;
  params.push(limit + 1);
  const rows = await exec.all(d.sql(sql), params);
  return toPage(rows.map(q.map), limit, q.position);
}
