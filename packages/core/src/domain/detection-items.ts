import { StorageError } from '../errors/storage-error.js';

/** Throws `VALIDATION` unless `items` (the argument of `detections.insertMany`) is a sync or async iterable. */
export function checkDetectionItems(items: unknown): void {
  const iterable =
    typeof items === 'object' &&
    items !== null &&
    (Symbol.iterator in items || Symbol.asyncIterator in items);
  if (!iterable) {
    throw new StorageError(
      'VALIDATION',
      'invalid detections: pass an array or an (async) iterable of detections',
    );
  }
}
