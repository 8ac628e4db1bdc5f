import { randomBytes } from 'node:crypto';
import { S3FileStore, type S3FileStoreOptions } from '../../src/index.js';
import { S3RVER_CREDENTIALS } from './s3rver-server.js';

/** A store on `endpoint`/`bucket` under a fresh random prefix, with s3rver's credentials. */
export function openStore(
  endpoint: string,
  bucket: string,
  options: Partial<S3FileStoreOptions> = {},
): S3FileStore {
  return new S3FileStore({
    bucket,
    prefix: `t-${randomBytes(5).toString('hex')}/`,
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
    ...options,
  });
}
