/** True for a sync or async iterable. */
export function isIterable<T>(value: unknown): value is Iterable<T> | AsyncIterable<T> {
  if (value === null || typeof value !== 'object') return false;
  return Symbol.iterator in value || Symbol.asyncIterator in value;
}

/** Collects a sync or async iterable into an array. */
export async function collect<T>(items: Iterable<T> | AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
