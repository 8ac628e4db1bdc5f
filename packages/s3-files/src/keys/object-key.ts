import { assertValidKey, StorageError } from '@vpe-storage/core';

/** Folder (under the store's prefix) where streamed uploads land before their final copy. */
export const TEMP_DIR = '.vpe-tmp/';

/** Folder (under the store's prefix) of sidecars: the sha256 of objects streamed without `expectedSha256`. */
export const META_DIR = '.vpe-meta/';

/** Validates a store key (core's rules plus the reserved temp and sidecar areas) and returns it. */
export function checkKey(key: unknown): string {
  assertValidKey(key);
  if (key.startsWith(META_DIR)) {
    throw new StorageError(
      'VALIDATION',
      `invalid file key ${JSON.stringify(key)}: "${META_DIR}" is reserved for checksum sidecars`,
      { details: { key } },
    );
  }
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

  /** The store key of an object key, or null when it is outside the store or in the temp or sidecar area. */
  toStoreKey(objectKey: string): string | null {
    if (!objectKey.startsWith(this.prefix)) return null;
    const key = objectKey.slice(this.prefix.length);
    return key.length === 0 || key.startsWith(TEMP_DIR) || key.startsWith(META_DIR) ? null : key;
  }

  /** The object key of the sha256 sidecar of a store key. */
  sidecarObjectKey(key: string): string {
    return `${this.prefix}${META_DIR}${key}.json`;
  }

  /** The object key of a fresh temporary upload. */
  tempObjectKey(id: string): string {
    return `${this.prefix}${TEMP_DIR}${id}`;
  }
}
