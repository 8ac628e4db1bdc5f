import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, type Page, type PageRequest } from '../contracts/page.js';
import { StorageError } from '../errors/storage-error.js';

/** Encodes a keyset position (the sort values of the last item) as an opaque cursor. */
export function encodeCursor(position: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/** Decodes a cursor made by {@link encodeCursor}; `VALIDATION` when it is not one. */
export function decodeCursor(cursor: string, arity: number): unknown[] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === arity) return value;
  } catch {
    // fall through to the typed error
  }
  throw new StorageError('VALIDATION', 'invalid page cursor: pass the nextCursor of a previous page', {
    details: { cursor },
  });
}

/** The validated limit and decoded cursor position of a page request. */
export interface PageWindow {
  limit: number;
  after: unknown[] | null;
}

/** Validates a page request: limit 1..MAX_PAGE_LIMIT (default 100) and a well-formed cursor of `arity` sort values. */
export function pageWindow(page: PageRequest | undefined, arity: number): PageWindow {
  const limit = page?.limit ?? DEFAULT_PAGE_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) {
    throw new StorageError(
      'VALIDATION',
      `invalid page limit ${limit}: must be an integer from 1 to ${MAX_PAGE_LIMIT}`,
    );
  }
  const after = page?.cursor ? decodeCursor(page.cursor, arity) : null;
  return { limit, after };
}

/**
 * Builds a page from up to `limit + 1` fetched rows: the extra row only says that more exist.
 * `position` gives the sort values of an item, in the order the list is sorted.
 */
export function toPage<T>(rows: T[], limit: number, position: (item: T) => readonly unknown[]): Page<T> {
  const items = rows.length > limit ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  const nextCursor = rows.length > limit && last !== undefined ? encodeCursor(position(last)) : null;
  return { items, nextCursor };
}

/** The kind of one sort value of a keyset position. */
export type PositionKind = 'string' | 'number';

/** Like {@link pageWindow}, and also checks that each sort value of the cursor has the expected kind. */
export function typedPageWindow(page: PageRequest | undefined, kinds: readonly PositionKind[]): PageWindow {
  const window = pageWindow(page, kinds.length);
  const ok = (v: unknown, i: number) =>
    typeof v === kinds[i] && (typeof v !== 'number' || Number.isFinite(v));
  if (window.after && !window.after.every(ok)) {
    throw new StorageError(
      'VALIDATION',
      'invalid page cursor: pass the nextCursor of a previous page of this list',
      {
        details: { cursor: page?.cursor },
      },
    );
  }
  return window;
}
