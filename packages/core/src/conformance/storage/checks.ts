import assert from 'node:assert/strict';
import type { ExportRecord } from '../../contracts/base-storage.js';
import type { Page, PageRequest } from '../../contracts/page.js';
import type { ErrorCode } from '../../errors/codes.js';
import type { StorageError } from '../../errors/storage-error.js';
import { comparePositions } from '../../pagination/compare.js';
import { collect } from '../../pagination/iterate.js';
import { TABLES, type TableName } from '../../schemas/records.js';
import { rejectsWithCode } from '../assert.js';
import type { StorageCaseContext } from '../types.js';

// Assertions the storage cases share: what the store holds, before and after a call.

/** Row counts of every table, as the backend reports them and (when available) as really persisted. */
export interface RowSnapshot {
  stats: Record<TableName, number>;
  raw: Record<TableName, number> | null;
}

/** Counts the rows of every table. */
export async function rowSnapshot(ctx: StorageCaseContext): Promise<RowSnapshot> {
  const stats = (await ctx.storage.stats()).rows;
  let raw: Record<TableName, number> | null = null;
  if (ctx.raw) {
    raw = {} as Record<TableName, number>;
    for (const t of TABLES) raw[t] = await ctx.raw.countRows(t);
  }
  return { stats: { ...stats }, raw };
}

/** Asserts the row counts of `table` (stats and, when available, raw) equal `expected`. */
export async function assertRows(
  ctx: StorageCaseContext,
  table: TableName,
  expected: number,
  why = '',
): Promise<void> {
  const label = why ? `${why}: ` : '';
  assert.equal((await ctx.storage.stats()).rows[table], expected, `${label}stats().rows.${table}`);
  if (ctx.raw) assert.equal(await ctx.raw.countRows(table), expected, `${label}persisted rows of ${table}`);
}

/** Every record of the store in canonical order (stores in these cases are tiny). */
export async function recordDump(ctx: StorageCaseContext): Promise<ExportRecord[]> {
  return canonical(await collect(ctx.storage.exportRecords()));
}

/**
 * Runs a call that must fail with `code` and asserts nothing changed: every exported record is the
 * same (a backend that changes a row and then throws fails here), and so are the persisted row counts
 * when the fixture gives a raw reader. Returns the error.
 */
export async function rejectsUnchanged(
  ctx: StorageCaseContext,
  action: () => Promise<unknown>,
  code: ErrorCode,
  message?: string,
): Promise<StorageError> {
  const what = `${message ?? code}: a rejected call must change nothing`;
  const before = await recordDump(ctx);
  const rowsBefore = ctx.raw ? await rowSnapshot(ctx) : null;
  const err = await rejectsWithCode(action, code, message);
  assert.deepEqual(await recordDump(ctx), before, what);
  if (rowsBefore) assert.deepEqual(await rowSnapshot(ctx), rowsBefore, `${what} (row counts)`);
  return err;
}

/** Every item of a paginated list, fetched `limit` at a time; fails on a repeated cursor. */
export async function listAll<T>(fetch: (page: PageRequest) => Promise<Page<T>>, limit = 1000): Promise<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  let cursor: string | null = null;
  let pages = 0;
  do {
    // Bounded, so a backend whose cursors never end fails instead of looping forever.
    assert.ok(++pages <= 10_000, 'a list never ends: more than 10,000 pages');
    const page: Page<T> = await fetch({ limit, cursor });
    assert.ok(
      page.items.length <= limit,
      `a page holds at most limit (${limit}) items, got ${page.items.length}`,
    );
    out.push(...page.items);
    cursor = page.nextCursor;
    if (cursor !== null) {
      assert.ok(!seen.has(cursor), 'a cursor must never repeat');
      assert.ok(page.items.length > 0, 'a page with a next cursor must hold items');
      seen.add(cursor);
    }
  } while (cursor !== null);
  return out;
}

/** A copy of `items` sorted by the tuple `key` (what a list ordered by those columns must return). */
export function sortedBy<T>(items: readonly T[], key: (item: T) => readonly (string | number)[]): T[] {
  return [...items].sort((x, y) => comparePositions(key(x), key(y)));
}

/** The ids of records, in order. */
export function ids(items: readonly { id: string }[]): string[] {
  return items.map((i) => i.id);
}

/** Asserts an ISO-8601 UTC timestamp with milliseconds. */
export function assertTimestamp(value: unknown, what: string): void {
  assert.equal(typeof value, 'string', `${what} is a string`);
  assert.match(
    value as string,
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/,
    `${what} is an ISO timestamp`,
  );
}

/** Records in a canonical order (table, id, version): the order within a table is the backend's. */
export function canonical(records: readonly ExportRecord[]): ExportRecord[] {
  const key = (r: ExportRecord) =>
    `${TABLES.indexOf(r.table)}\u0000${String(r.record.id)}\u0000${String(r.record.version ?? '').padStart(6, '0')}`;
  return [...records].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
