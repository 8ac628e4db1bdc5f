import type { StorageError } from '@vpe-storage/core';
import type { CheckedPut } from './put-options.js';

/** One put after validation: where it goes and what it must carry and satisfy. */
export interface PutRequest {
  key: string;
  objectKey: string;
  checked: CheckedPut;
  /** S3 user metadata, already encoded, without the hash. */
  metadata: Record<string, string>;
  ifNotExists: boolean;
  signal: AbortSignal | undefined;
}

/** The `ALREADY_EXISTS` error of a put or copy with ifNotExists onto an existing key. */
export type AlreadyExists = (key: string) => StorageError;
