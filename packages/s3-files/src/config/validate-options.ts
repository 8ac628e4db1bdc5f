import { StorageError } from '@vpe-storage/core';
import type { ResolvedS3Options } from './options.js';

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

function invalid(message: string): StorageError {
  return new StorageError('VALIDATION', `invalid S3 FileStore option: ${message}`);
}

// S3's own limits: parts of 5 MiB..5 GiB, a bucket name of 3..63 characters.
/** Throws `VALIDATION` when an option is outside what S3 accepts. */
export function validateOptions(o: ResolvedS3Options): void {
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(o.bucket) && !/^[A-Za-z0-9._-]{1,255}$/.test(o.bucket)) {
    throw invalid(`bucket ${JSON.stringify(o.bucket)} is not a valid bucket name`);
  }
  if (o.prefix !== '' && (!o.prefix.endsWith('/') || o.prefix.startsWith('/'))) {
    throw invalid(
      `prefix ${JSON.stringify(o.prefix)} must be empty or end with "/" (and not start with "/")`,
    );
  }
  if (!Number.isInteger(o.partSize) || o.partSize < 5 * MiB || o.partSize > 5 * GiB) {
    throw invalid(`partSize ${o.partSize} must be an integer from 5 MiB to 5 GiB`);
  }
  if (!Number.isInteger(o.uploadConcurrency) || o.uploadConcurrency < 1 || o.uploadConcurrency > 64) {
    throw invalid(`uploadConcurrency ${o.uploadConcurrency} must be an integer from 1 to 64`);
  }
  if (!Number.isInteger(o.multipartThreshold) || o.multipartThreshold < 0 || o.multipartThreshold > 5 * GiB) {
    throw invalid(`multipartThreshold ${o.multipartThreshold} must be an integer from 0 to 5 GiB`);
  }
  if (!Number.isInteger(o.maxAttempts) || o.maxAttempts < 1 || o.maxAttempts > 20) {
    throw invalid(`maxAttempts ${o.maxAttempts} must be an integer from 1 to 20`);
  }
  if (!Number.isInteger(o.copyPartSize) || o.copyPartSize < 5 * MiB || o.copyPartSize > 5 * GiB) {
    throw invalid(`copyPartSize ${o.copyPartSize} must be an integer from 5 MiB to 5 GiB`);
  }
  if (!Number.isInteger(o.copyMultipartThreshold) || o.copyMultipartThreshold > 5 * GiB) {
    throw invalid(`copyMultipartThreshold ${o.copyMultipartThreshold} must be an integer of at most 5 GiB`);
  }
}
