import type { S3Client } from '@aws-sdk/client-s3';
import type { ResolvedS3Options } from '../config/options.js';
import { type ErrorContext, toStorageError } from '../errors/map-error.js';
import type { KeySpace } from '../keys/object-key.js';

/** What every operation of the store needs: the client, where objects live, the options. */
export interface StoreContext {
  client: S3Client;
  bucket: string;
  keys: KeySpace;
  options: ResolvedS3Options;
  /** Never printed: scrubbed from every error message. */
  secrets: readonly string[];
}

/** Runs one S3 call, mapping whatever it throws to a StorageError. */
export async function s3Call<T>(
  ctx: StoreContext,
  what: Omit<ErrorContext, 'bucket' | 'secrets'>,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw toStorageError(err, { ...what, bucket: ctx.bucket, secrets: ctx.secrets });
  }
}
