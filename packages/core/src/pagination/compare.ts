/** A keyset position: the sort values of one item, in the order a list is sorted by. */
export type Position = readonly (string | number)[];

/** Compares two sort values the way every backend orders them: numbers numerically, strings by UTF-16 code units. */
export function compareValue(a: string | number, b: string | number): number {
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
