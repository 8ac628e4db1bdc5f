// The core FileManager suite on S3FileStore against s3rver: ingest, dedup and cleanup on a remote store.
import { randomBytes } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { describeFileManager } from '@vpe-storage/core/conformance/vitest';
import { afterAll, beforeAll } from 'vitest';
import { S3FileStore, type S3FileStoreOptions, TEMP_DIR } from '../src/index.js';
import { S3RVER_CREDENTIALS, startS3rver, type TestS3 } from './helpers/s3rver-server.js';

const BUCKET = 'file-manager';
let s3: TestS3;

beforeAll(async () => {
  s3 = await startS3rver();
  await s3.createBucket(BUCKET);
});
afterAll(async () => {
  await s3?.close();
});

// Every test gets its own prefix in the shared bucket: a fresh, empty store.
function factory(options: Partial<S3FileStoreOptions> = {}) {
  return async () => {
    const prefix = `fm-${randomBytes(6).toString('hex')}/`;
    const store = new S3FileStore({
      bucket: BUCKET,
      prefix,
      endpoint: s3.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: S3RVER_CREDENTIALS,
      ...options,
    });
    return {
      store,
      // A temp object as a put killed between its upload and its server-side copy leaves it.
      abandonUpload: async () => {
        const objectKey = `${prefix}${TEMP_DIR}killed-upload`;
        await s3.raw.send(
          new PutObjectCommand({ Bucket: BUCKET, Key: objectKey, Body: Buffer.alloc(4096, 7) }),
        );
        return async () => (await s3.readRaw(BUCKET, objectKey)) !== null;
      },
      dispose: () => store.close(),
    };
  };
}

describeFileManager('s3 (s3rver)', factory());
