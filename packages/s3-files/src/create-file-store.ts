import type { FilesConfig } from '@vpe-storage/core';
import type { S3FileStoreOptions } from './config/options.js';
import { parseS3Url } from './config/parse-url.js';
import { S3FileStore } from './store/s3-file-store.js';

/**
 * Opens an S3FileStore from `s3://[key:secret@]bucket/prefix?endpoint=…&region=…&forcePathStyle=true`
 * (what core's `openStorage` calls); part size, concurrency and max file size come from `config`.
 */
export function createFileStore(
  url: string,
  config: FilesConfig,
  overrides: Partial<S3FileStoreOptions> = {},
): S3FileStore {
  return new S3FileStore({
    ...parseS3Url(url),
    partSize: config.partSize,
    uploadConcurrency: config.uploadConcurrency,
    maxFileSize: config.maxFileSize,
    ...overrides,
  });
}
