/** True for a sync or async iterable. */
export function isIterable<T>(value: unknown): value is Iterable<T> | AsyncIterable<T> {
  if (value === null || typeof value !== 'object') return false;
  return Symbol.iterator in value || Symbol.asyncIterator in value;
}
