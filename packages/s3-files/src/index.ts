export type { S3Credentials, S3FileStoreOptions } from './config/options.js';
export { parseS3Url, redactUrl } from './config/parse-url.js';
export { createFileStore } from './create-file-store.js';
export { toStorageError } from './errors/map-error.js';
export { META_DIR, TEMP_DIR } from './keys/object-key.js';
export { S3FileStore } from './store/s3-file-store.js';
