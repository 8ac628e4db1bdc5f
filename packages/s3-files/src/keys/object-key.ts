import { assertValidKey, StorageError } from '@vpe-storage/core';

/** Folder (under the store's prefix) where streamed uploads land before their final copy. */
export const TEMP_DIR = '.vpe-tmp/';

/** Validates a store key (core's rules plus the reserved temp area) and returns it. */
export function checkKey(key: unknown): string {
  assertValidKey(key);
  if (key.startsWith(TEMP_DIR)) {
    throw new StorageError(
      'VALIDATION',
      `invalid file key ${JSON.stringify(key)}: "${TEMP_DIR}" is reserved for uploads in progress`,
      {
        details: { key },
      },
    );
  }
  return key;
}

/** Maps store keys to object keys under a prefix and back. */
export class KeySpace {
  /** @param prefix "" or a prefix ending in "/". */
  constructor(readonly prefix: string) {}

  /** The object key of a store key. */
  toObjectKey(key: string): string {
    return this.prefix + key;
  }

  /** The store key of an object key, or null when it is outside the store or in the temp area. */
  toStoreKey(objectKey: string): string | null {
    if (!objectKey.startsWith(this.prefix)) return null;
    const key = objectKey.slice(this.prefix.length);
    return key.length === 0 || key.startsWith(TEMP_DIR) ? null : key;
  }

  /** The object key of a fresh temporary upload. */
  tempObjectKey(id: string): string {
    return `${this.prefix}${TEMP_DIR}${id}`;
  }
}
