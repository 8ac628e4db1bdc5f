// cleanupIncomplete: the store's own abandoned uploads (temp objects and open multipart uploads), by age.
import { CreateMultipartUploadCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { sleep } from '@vpe-storage/core/conformance';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type S3FileStore, TEMP_DIR } from '../src/index.js';
import { openStore } from './helpers/open-store.js';
import { startS3rver, type TestS3 } from './helpers/s3rver-server.js';

const BUCKET = 'incomplete';
let s3: TestS3;
let bare: TestS3; // a server without ListMultipartUploads, as some S3-compatible stores

beforeAll(async () => {
  [s3, bare] = await Promise.all([startS3rver(), startS3rver({ listUploads: false })]);
  await Promise.all([s3.createBucket(BUCKET), bare.createBucket(BUCKET)]);
});
afterAll(async () => {
  await Promise.all([s3?.close(), bare?.close()]);
});

function prefixOf(store: S3FileStore): string {
  return store.toString().replace(`s3://${BUCKET}/`, '');
}

/** Leaves what a killed put leaves: a temp object of `size` bytes and an open multipart upload to `key`. */
async function abandon(server: TestS3, store: S3FileStore, key: string, size: number): Promise<void> {
  const prefix = prefixOf(store);
  await server.raw.send(
    new PutObjectCommand({ Bucket: BUCKET, Key: `${prefix}${TEMP_DIR}${key}`, Body: Buffer.alloc(size) }),
  );
  await server.raw.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: `${prefix}${key}` }));
}

describe('S3FileStore.cleanupIncomplete', () => {
  test('removes old temp objects and aborts old multipart uploads under its prefix only; young ones stay', async () => {
    const store = openStore(s3.endpoint, BUCKET);
    const other = openStore(s3.endpoint, BUCKET);
    await store.put('kept.bin', Buffer.from('kept'));
    await abandon(s3, store, 'videos/a.mp4', 700);
    await abandon(s3, other, 'videos/b.mp4', 300);
    expect(await s3.pendingUploads(BUCKET)).toHaveLength(2);

    expect(await store.cleanupIncomplete(60_000)).toEqual({ removed: 0, bytes: 0 });
    expect(await s3.pendingUploads(BUCKET)).toHaveLength(2);
    await sleep(20);
    expect(await store.cleanupIncomplete(10)).toEqual({ removed: 2, bytes: 700 });
    expect(await s3.pendingUploads(BUCKET)).toHaveLength(1); // the other prefix's upload
    expect(await s3.readRaw(BUCKET, `${prefixOf(other)}${TEMP_DIR}videos/b.mp4`)).not.toBeNull();
    expect((await store.list()).items.map((e) => e.key)).toEqual(['kept.bin']);
    await Promise.all([store.close(), other.close()]);
  });

  test('on a server without ListMultipartUploads it still purges the temp objects', async () => {
    const store = openStore(bare.endpoint, BUCKET);
    await abandon(bare, store, 'x.bin', 50);
    await sleep(20);
    expect(await store.cleanupIncomplete(10)).toEqual({ removed: 1, bytes: 50 });
    await store.close();
  });

  test('refuses a negative, NaN or infinite age with VALIDATION, and CLOSED after close', async () => {
    const store = openStore(s3.endpoint, BUCKET);
    for (const age of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expect(store.cleanupIncomplete(age)).rejects.toMatchObject({ code: 'VALIDATION' });
    }
    await store.close();
    await expect(store.cleanupIncomplete(0)).rejects.toMatchObject({ code: 'CLOSED' });
  });
});
