import { randomBytes } from 'node:crypto';
import { describeFileStore } from '@vpe-storage/core/conformance/vitest';
import { afterAll, beforeAll } from 'vitest';
import { S3FileStore, type S3FileStoreOptions } from '../src/index.js';
import { S3RVER_CREDENTIALS, startS3rver, type TestS3 } from './helpers/s3rver-server.js';

const BUCKET = 'conformance';
let s3: TestS3;

beforeAll(async () => {
  s3 = await startS3rver();
  await s3.createBucket(BUCKET);
});
afterAll(async () => {
  await s3?.close();
});

function open(prefix: string, options: Partial<S3FileStoreOptions> = {}): S3FileStore {
  return new S3FileStore({
    bucket: BUCKET,
    prefix,
    endpoint: s3.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
    ...options,
  });
}

// Every case gets its own prefix in the shared bucket: a fresh, empty store. The raw reader is a
// plain GetObject through a separate client.
function factory(options: Partial<S3FileStoreOptions> = {}) {
  return async () => {
    const prefix = `case-${randomBytes(6).toString('hex')}/`;
    const store = open(prefix, options);
    return {
      store,
      raw: { readBytes: (key: string) => s3.readRaw(BUCKET, prefix + key) },
      reopen: async () => open(prefix, options),
      dispose: () => store.close(),
    };
  };
}

describeFileStore('s3 (s3rver)', factory());

// The suite's bodies are below the default 16 MiB threshold: run it again with every non-empty
// body going through the temp area + server-side copy (5 MiB parts: the 8 MiB case is multipart).
describeFileStore(
  's3 (s3rver, every put through the temp area)',
  factory({ multipartThreshold: 0, partSize: 5 * 1024 * 1024 }),
);
