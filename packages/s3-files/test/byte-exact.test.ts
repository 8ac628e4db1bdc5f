// Regression: bytes streamed through put read back identical with a plain GetObject, and the SDK's
// default flexible checksums (aws-chunked bodies) corrupt objects on s3rver.
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { readAll } from '@vpe-storage/core/conformance';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pattern, sha256, streamOf } from './helpers/bytes.js';
import { openStore } from './helpers/open-store.js';
import { rawClient, startS3rver, type TestS3 } from './helpers/s3rver-server.js';

const MiB = 1024 * 1024;
const BUCKET = 'bytes';
let s3: TestS3;

beforeAll(async () => {
  s3 = await startS3rver();
  await s3.createBucket(BUCKET);
});
afterAll(async () => {
  await s3?.close();
});

describe('byte-exact streamed puts', () => {
  for (const [label, size] of [
    ['100,000 bytes', 100_000],
    ['1 MiB', MiB],
    ['12 MiB multipart (5 MiB parts)', 12 * MiB],
  ] as const) {
    test(`${label}: GetObject through a raw client returns the source bytes`, {
      timeout: 60_000,
    }, async () => {
      const store = openStore(s3.endpoint, BUCKET, { partSize: 5 * MiB });
      const source = pattern(size, size % 251);
      const before = s3.requests.length;
      const info = await store.put('clip.bin', streamOf(source));
      const calls = s3.requests.slice(before);
      const prefix = store.toString().replace(`s3://${BUCKET}/`, '');

      const raw = await s3.readRaw(BUCKET, `${prefix}clip.bin`);
      expect(raw?.length).toBe(size);
      expect(sha256(raw ?? Buffer.alloc(0))).toBe(sha256(source));
      expect(info.sha256).toBe(sha256(source));
      expect((await store.head('clip.bin'))?.sha256).toBe(sha256(source));
      const viaStore = await readAll(await store.get('clip.bin', { verify: true }));
      expect(viaStore.equals(source)).toBe(true);

      const parts = calls.filter((c) => c.startsWith('PUT') && c.includes('partNumber'));
      if (size > 5 * MiB) {
        // Multipart straight to the final key, then the sha256 sidecar; no temp object, no copy.
        expect(parts.length).toBe(3);
        expect(calls.some((c) => c.includes('.vpe-tmp/'))).toBe(false);
        expect(calls.some((c) => c.startsWith('PUT') && c.includes('.vpe-meta/'))).toBe(true);
        expect(await s3.pendingUploads(BUCKET)).toEqual([]);
      } else {
        expect(parts.length).toBe(0);
      }
      expect((await store.list()).items.map((e) => e.key)).toEqual(['clip.bin']);
      await store.close();
    });
  }
});

describe('the checksum setting matters', () => {
  test('with the SDK defaults (WHEN_SUPPORTED) a streamed PutObject stores aws-chunked framing in the object', async () => {
    const defaults = rawClient(s3.endpoint, 'WHEN_SUPPORTED');
    const source = pattern(MiB, 7);
    await defaults.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'defaults.bin',
        Body: streamOf(source),
        ContentLength: source.length,
      }),
    );
    const stored = await s3.readRaw(BUCKET, 'defaults.bin');
    // s3rver answers 200 but keeps the chunk headers and trailing checksum inside the object.
    expect(stored?.length).toBeGreaterThan(source.length);
    expect(stored?.toString('latin1')).toMatch(/x-amz-checksum-crc32:/);
    expect(sha256(stored ?? Buffer.alloc(0))).not.toBe(sha256(source));
    defaults.destroy();
  });

  test('get({ verify: true }) catches such a framed object: the stream fails with INTEGRITY', async () => {
    const store = openStore(s3.endpoint, BUCKET);
    const prefix = store.toString().replace(`s3://${BUCKET}/`, '');
    const source = pattern(MiB, 9);
    const defaults = rawClient(s3.endpoint, 'WHEN_SUPPORTED');
    // What a client with the defaults writes: the framed bytes, labelled with the source's sha256.
    await defaults.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: `${prefix}framed.bin`,
        Body: streamOf(source),
        ContentLength: source.length,
        Metadata: { sha256: sha256(source) },
      }),
    );
    defaults.destroy();
    await expect(readAll(await store.get('framed.bin', { verify: true }))).rejects.toMatchObject({
      code: 'INTEGRITY',
    });
    // Without verify the damage goes unnoticed: the point of the WHEN_REQUIRED default.
    expect((await readAll(await store.get('framed.bin'))).length).toBeGreaterThan(source.length);
    await store.close();
  });

  test('WHEN_REQUIRED (the store default) keeps a raw streamed PutObject intact', async () => {
    const plain = rawClient(s3.endpoint, 'WHEN_REQUIRED');
    const source = pattern(MiB, 8);
    await plain.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: 'plain.bin',
        Body: streamOf(source),
        ContentLength: source.length,
      }),
    );
    const out = await plain.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'plain.bin' }));
    const back = Buffer.from(
      await (out.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
    );
    expect(sha256(back)).toBe(sha256(source));
    plain.destroy();
  });
});
