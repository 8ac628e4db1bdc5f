import type { Page, PageRequest } from '../../contracts/page.js';
import { type PositionKind, toPage, typedPageWindow } from '../../pagination/cursor.js';

/** A keyset position: the sort values of one item. */
export type Position = readonly (string | number)[];

/** Compares two sort values: numbers numerically, strings by UTF-16 code units. */
function compareValue(a: string | number, b: string | number): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** Compares two positions value by value. */
export function comparePositions(a: Position, b: Position): number {
  for (let i = 0; i < a.length; i++) {
    const c = compareValue(a[i] as string | number, b[i] as string | number);
    if (c !== 0) return c;
  }
  return 0;
}

/**
 * One page of `rows` sorted by `position` (ascending; negate a number for a descending order):
 * the items strictly after the cursor, at most `limit`, and the cursor of the last one.
 */
export function pageOf<T>(
  rows: Iterable<T>,
  page: PageRequest | undefined,
  kinds: readonly PositionKind[],
  position: (item: T) => Position,
): Page<T> {
  const { limit, after } = typedPageWindow(page, kinds);
  const keyed = [...rows].map((item) => ({ item, key: position(item) }));
  keyed.sort((a, b) => comparePositions(a.key, b.key));
  const start = after ? keyed.findIndex((k) => comparePositions(k.key, after as Position) > 0) : 0;
  const window = start < 0 ? [] : keyed.slice(start, start + limit + 1);
  return toPage(
    window.map((k) => structuredClone(k.item)),
    limit,
    position,
  );
}
