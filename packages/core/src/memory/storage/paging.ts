import type { Page, PageRequest } from '../../contracts/page.js';
import { comparePositions, type Position } from '../../pagination/compare.js';
import { type PositionKind, toPage, typedPageWindow } from '../../pagination/cursor.js';

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
