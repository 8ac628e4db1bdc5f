import { resolve } from 'node:path';
import { StorageError } from '@vpe-storage/core';

/** Options of a {@link LocalFileStore}. */
export interface LocalFileStoreOptions {
  /** The store's folder; created when missing. */
  root: string;
  /** Largest object `put` accepts (bytes); `maxSize` of a put can only lower it. Default: unlimited. */
  maxFileSize?: number;
  /**
   * fsync data, sidecars and folders before a write resolves (default true). Turn off only for
   * scratch data: without it a power cut can lose acknowledged writes (a process crash cannot).
   */
  fsync?: boolean;
}

/** Checked options with defaults. */
export interface CheckedOptions {
  root: string;
  maxFileSize: number;
  fsync: boolean;
}

/** Validates the constructor options (`VALIDATION` naming the bad field). */
export function checkOptions(options: LocalFileStoreOptions): CheckedOptions {
  if (typeof options?.root !== 'string' || options.root.length === 0) {
    throw new StorageError(
      'VALIDATION',
      'LocalFileStore needs a root folder: new LocalFileStore({ root: "./data" })',
    );
  }
  const max = options.maxFileSize ?? Number.POSITIVE_INFINITY;
  if (!(max === Number.POSITIVE_INFINITY || (Number.isSafeInteger(max) && max >= 0))) {
    throw new StorageError(
      'VALIDATION',
      `invalid maxFileSize ${String(max)}: use a whole number of bytes ≥ 0`,
    );
  }
  if (options.fsync !== undefined && typeof options.fsync !== 'boolean') {
    throw new StorageError('VALIDATION', 'invalid fsync option: use true or false');
  }
  return { root: resolve(options.root), maxFileSize: max, fsync: options.fsync ?? true };
}
