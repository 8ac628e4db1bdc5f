// What the conformance suite cannot see: the temp area, the multipart path's checks, signed URLs,
// objects written by other tools, and S3 error codes.

import { inspect } from 'node:util';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { readAll } from '@vpe-storage/core/conformance';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { S3FileStore } from '../src/index.js';
import { META_DIR, TEMP_DIR } from '../src/index.js';
import { pattern, sha256, streamOf } from './helpers/bytes.js';
import { openStore } from './helpers/open-store.js';
import { startS3rver, type TestS3 } from './helpers/s3rver-server.js';

const MiB = 1024 * 1024;
const BUCKET = 'store';
let s3: TestS3;

beforeAll(async () => {
  s3 = await startS3rver();
  await s3.createBucket(BUCKET);
});
afterAll(async () => {
  await s3?.close();
});

function prefixOf(store: S3FileStore): string {
  return store.toString().replace(`s3://${BUCKET}/`, '');
}
function multipartStore(): S3FileStore {
  return openStore(s3.endpoint, BUCKET, { partSize: 5 * MiB });
}

describe('the multipart path (bodies above the threshold)', () => {
  test('expectedSha256 known up front: one multipart upload straight to the key, no temp object, no copy', async () => {
    const store = multipartStore();
    const source = pattern(12 * MiB, 1);
    const before = s3.requests.length;
    const info = await store.put('direct.bin', streamOf(source), { expectedSha256: sha256(source) });
    const calls = s3.requests.slice(before);
    expect(calls.some((c) => c.includes(TEMP_DIR))).toBe(false);
    expect(calls.filter((c) => c.includes('partNumber')).length).toBe(3);
    expect(info.sha256).toBe(sha256(source));
    const head = await s3.raw.send(
      new HeadObjectCommand({ Bucket: BUCKET, Key: `${prefixOf(store)}direct.bin` }),
    );
    expect(head.Metadata?.sha256).toBe(sha256(source));
    expect(sha256((await s3.readRaw(BUCKET, `${prefixOf(store)}direct.bin`)) ?? Buffer.alloc(0))).toBe(
      sha256(source),
    );
    await store.close();
  });

  test('ifNotExists races on the direct path: If-None-Match on CompleteMultipartUpload lets exactly one win', async () => {
    const store = multipartStore();
    const bodies = [1, 2, 3].map((i) => pattern(7 * MiB, 20 + i));
    const results = await Promise.allSettled(
      bodies.map((b) => store.put('race.bin', streamOf(b), { ifNotExists: true, expectedSha256: sha256(b) })),
    );
    const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
    expect(won.length).toBe(1);
    for (const r of results)
      if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'ALREADY_EXISTS' });
    const stored = await s3.readRaw(BUCKET, `${prefixOf(store)}race.bin`);
    expect(sha256(stored ?? Buffer.alloc(0))).toBe(sha256(bodies[won[0] ?? 0] ?? Buffer.alloc(0)));
    expect(await s3.pendingUploads(BUCKET)).toEqual([]);
    await store.close();
  });

  test('expectedSha256 mismatch: INTEGRITY, the upload aborted before completing, the old object kept', async () => {
    const store = multipartStore();
    await store.put('v.bin', Buffer.from('old'));
    const err = await store
      .put('v.bin', streamOf(pattern(12 * MiB, 1)), { expectedSha256: sha256(Buffer.from('x')) })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'INTEGRITY' });
    expect((await s3.readRaw(BUCKET, `${prefixOf(store)}v.bin`))?.toString()).toBe('old');
    expect(await s3.pendingUploads(BUCKET)).toEqual([]);
    expect(await store.purgeTemp(0)).toBe(0);
    await store.close();
  });

  test('maxSize: VALIDATION once the stream passes it, the multipart upload aborted', async () => {
    const store = multipartStore();
    const err = await store
      .put('big.bin', streamOf(pattern(12 * MiB, 2)), { maxSize: 8 * MiB })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'VALIDATION' });
    expect(await store.exists('big.bin')).toBe(false);
    expect(await s3.pendingUploads(BUCKET)).toEqual([]);
    expect(await store.purgeTemp(0)).toBe(0);
    await store.close();
  });

  test('ifNotExists: an existing key is refused before any byte is uploaded', async () => {
    const store = multipartStore();
    await store.put('taken.bin', Buffer.from('old'));
    const before = s3.requests.length;
    await expect(
      store.put('taken.bin', streamOf(pattern(7 * MiB, 3)), { ifNotExists: true }),
    ).rejects.toMatchObject({
      code: 'ALREADY_EXISTS',
    });
    expect(
      s3.requests.slice(before).filter((r) => r.includes('uploads') || r.includes('partNumber')),
    ).toEqual([]);
    expect((await readAll(await store.get('taken.bin'))).toString()).toBe('old');
    await store.close();
  });

  test('an abort mid-upload rejects, stores nothing and leaves no multipart upload', async () => {
    const store = multipartStore();
    const controller = new AbortController();
    const source = pattern(20 * MiB, 4);
    const body = (async function* () {
      for (let at = 0; at < source.length; at += MiB) {
        if (at === 8 * MiB) controller.abort();
        yield source.subarray(at, at + MiB);
      }
    })();
    await expect(store.put('aborted.bin', body, { signal: controller.signal })).rejects.toBeTruthy();
    expect(await store.exists('aborted.bin')).toBe(false);
    // lib-storage aborts the multipart upload once its in-flight parts settle.
    for (let i = 0; i < 50 && (await s3.pendingUploads(BUCKET)).length > 0; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(await s3.pendingUploads(BUCKET)).toEqual([]);
    await store.close();
  });

  test('user metadata and content type land on the final object, the sha256 in its sidecar', async () => {
    const store = multipartStore();
    const source = pattern(6 * MiB, 5);
    await store.put('meta.bin', streamOf(source), {
      contentType: 'video/mp4',
      metadata: { owner: 'zoë', frames: '12' },
    });
    const head = await s3.raw.send(
      new HeadObjectCommand({ Bucket: BUCKET, Key: `${prefixOf(store)}meta.bin` }),
    );
    expect(head.Metadata?.sha256).toBeUndefined();
    expect(head.ContentType).toBe('video/mp4');
    const sidecar = JSON.parse(
      (await s3.readRaw(BUCKET, `${prefixOf(store)}${META_DIR}meta.bin.json`))?.toString() ?? '{}',
    ) as Record<string, unknown>;
    expect(sidecar.sha256).toBe(sha256(source));
    expect(await store.head('meta.bin')).toMatchObject({
      metadata: { owner: 'zoë', frames: '12' },
      size: source.length,
      sha256: sha256(source),
    });
    await store.close();
  });
});

describe('large puts without expectedSha256: straight to the key, sha256 in a sidecar', () => {
  const sidecarKey = (store: S3FileStore, key: string) => `${prefixOf(store)}${META_DIR}${key}.json`;
  const readSidecar = async (store: S3FileStore, key: string) => {
    const raw = await s3.readRaw(BUCKET, sidecarKey(store, key));
    return raw === null ? null : (JSON.parse(raw.toString()) as Record<string, unknown>);
  };

  test('no temp object, no copy; a sidecar { sha256, size, etag }; head returns the sha256', async () => {
    const store = multipartStore();
    const source = pattern(12 * MiB, 41);
    const before = s3.requests.length;
    const info = await store.put('side.bin', streamOf(source));
    const calls = s3.requests.slice(before);
    expect(calls.some((c) => c.includes(TEMP_DIR))).toBe(false);
    expect(calls.filter((c) => c.includes('partNumber')).length).toBe(3);
    expect(info.sha256).toBe(sha256(source));
    const raw = await s3.raw.send(
      new HeadObjectCommand({ Bucket: BUCKET, Key: `${prefixOf(store)}side.bin` }),
    );
    const sidecar = await readSidecar(store, 'side.bin');
    expect(sidecar).toMatchObject({ sha256: sha256(source), size: source.length });
    expect(String(sidecar?.etag).replace(/"/g, '')).toBe(String(raw.ETag).replace(/"/g, ''));
    expect(await store.purgeTemp(0)).toBe(0);
    // head trusts the sidecar: no GetObject of the object itself.
    const beforeHead = s3.requests.length;
    expect((await store.head('side.bin'))?.sha256).toBe(sha256(source));
    expect(
      s3.requests
        .slice(beforeHead)
        .some((c) => c.startsWith('GET') && c.includes('side.bin') && !c.includes(META_DIR)),
    ).toBe(false);
    expect((await readAll(await store.get('side.bin', { verify: true }))).equals(source)).toBe(true);
    expect((await store.list()).items.map((e) => e.key)).toEqual(['side.bin']);
    await store.close();
  });

  test('a stale sidecar (object overwritten by a raw PutObject without metadata) is not trusted: head re-hashes', async () => {
    const store = multipartStore();
    await store.put('stale.bin', streamOf(pattern(7 * MiB, 42)));
    const replacement = pattern(3 * MiB, 43);
    await s3.raw.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: `${prefixOf(store)}stale.bin`, Body: replacement }),
    );
    expect((await store.head('stale.bin'))?.sha256).toBe(sha256(replacement));
    expect(await readSidecar(store, 'stale.bin')).toMatchObject({
      sha256: sha256(replacement),
      size: replacement.length,
    });
    expect((await readAll(await store.get('stale.bin', { verify: true }))).equals(replacement)).toBe(true);
    expect((await store.head('stale.bin'))?.sha256).toBe(sha256(replacement));
    await store.close();
  });

  test('a missing sidecar (crash between Complete and its write): head re-hashes and rewrites it', async () => {
    const store = multipartStore();
    const source = pattern(7 * MiB, 44);
    await store.put('lost.bin', streamOf(source));
    await s3.raw.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: sidecarKey(store, 'lost.bin') }));
    expect((await store.head('lost.bin'))?.sha256).toBe(sha256(source));
    expect(await readSidecar(store, 'lost.bin')).toMatchObject({ sha256: sha256(source) });
    await store.close();
  });

  test('a small put over a large object: its own header wins, the old sidecar is never trusted', async () => {
    const store = multipartStore();
    await store.put('shrink.bin', streamOf(pattern(7 * MiB, 45)));
    const small = Buffer.from('small body');
    await store.put('shrink.bin', small);
    expect((await store.head('shrink.bin'))?.sha256).toBe(sha256(small));
    expect((await readAll(await store.get('shrink.bin', { verify: true }))).equals(small)).toBe(true);
    await store.close();
  });

  test('copy and move make the destination self-describing; delete removes the sidecar', async () => {
    const store = multipartStore();
    const source = pattern(7 * MiB, 46);
    await store.put('a.bin', streamOf(source));
    expect((await store.copy('a.bin', 'b.bin')).sha256).toBe(sha256(source));
    const b = await s3.raw.send(new HeadObjectCommand({ Bucket: BUCKET, Key: `${prefixOf(store)}b.bin` }));
    expect(b.Metadata?.sha256).toBe(sha256(source));
    expect((await store.move('a.bin', 'c.bin')).sha256).toBe(sha256(source));
    expect(await readSidecar(store, 'a.bin')).toBeNull();
    await store.put('d.bin', streamOf(source));
    expect(await store.delete('d.bin')).toBe(true);
    expect(await readSidecar(store, 'd.bin')).toBeNull();
    expect((await store.list()).items.map((e) => e.key)).toEqual(['b.bin', 'c.bin']);
    await store.close();
  });

  test('ifNotExists races without expectedSha256: exactly one wins, its sidecar describes it', async () => {
    const store = multipartStore();
    const bodies = [1, 2, 3].map((i) => pattern(7 * MiB, 50 + i));
    const results = await Promise.allSettled(
      bodies.map((b) => store.put('race2.bin', streamOf(b), { ifNotExists: true })),
    );
    const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
    expect(won.length).toBe(1);
    for (const r of results)
      if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'ALREADY_EXISTS' });
    const winner = bodies[won[0] ?? 0] ?? Buffer.alloc(0);
    expect((await store.head('race2.bin'))?.sha256).toBe(sha256(winner));
    expect(await s3.pendingUploads(BUCKET)).toEqual([]);
    await store.close();
  });

  test('the sidecar area is reserved: its keys are refused', async () => {
    const store = multipartStore();
    await expect(store.put(`${META_DIR}x.json`, Buffer.from('x'))).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(store.head(`${META_DIR}x.json`)).rejects.toMatchObject({ code: 'VALIDATION' });
    await store.close();
  });
});

describe('multipart copy (UploadPartCopy, used above 5 GiB; here forced with a low threshold)', () => {
  test('copies in parts with bytes, content type, metadata and sha256 intact', async () => {
    const store = openStore(s3.endpoint, BUCKET, { copyMultipartThreshold: 6 * MiB, copyPartSize: 5 * MiB });
    const source = pattern(13 * MiB + 17, 10);
    await store.put('big.bin', source, { contentType: 'video/webm', metadata: { owner: 'ann' } });
    const before = s3.requests.length;
    const info = await store.copy('big.bin', 'big-copy.bin');
    const partCopies = s3.requests
      .slice(before)
      .filter((r) => r.startsWith('PUT') && r.includes('partNumber'));
    expect(partCopies.length).toBe(3);
    expect(info).toMatchObject({
      size: source.length,
      sha256: sha256(source),
      contentType: 'video/webm',
      metadata: { owner: 'ann' },
    });
    const raw = await s3.readRaw(BUCKET, `${prefixOf(store)}big-copy.bin`);
    expect(sha256(raw ?? Buffer.alloc(0))).toBe(sha256(source));
    expect(await store.head('big-copy.bin')).toMatchObject({
      sha256: sha256(source),
      contentType: 'video/webm',
      metadata: { owner: 'ann' },
    });
    expect(await s3.pendingUploads(BUCKET)).toEqual([]);
    await store.close();
  });
});

describe('the temp area', () => {
  test('is never listed, cannot be addressed as a key, and purgeTemp removes what a crash left', async () => {
    const store = openStore(s3.endpoint, BUCKET);
    const prefix = prefixOf(store);
    await store.put('a.bin', Buffer.from('a'));
    await store.put('z.bin', Buffer.from('z'));
    for (const n of [1, 2, 3]) {
      await s3.raw.send(
        new PutObjectCommand({ Bucket: BUCKET, Key: `${prefix}${TEMP_DIR}crash-${n}`, Body: 'partial' }),
      );
    }
    expect((await store.list()).items.map((e) => e.key)).toEqual(['a.bin', 'z.bin']);
    const first = await store.list({ limit: 1 });
    expect(first.items.map((e) => e.key)).toEqual(['a.bin']);
    expect((await store.list({ limit: 1, cursor: first.nextCursor })).items.map((e) => e.key)).toEqual([
      'z.bin',
    ]);
    expect((await store.list({ prefix: '.vpe' })).items).toEqual([]);
    await expect(store.put(`${TEMP_DIR}x`, Buffer.from('x'))).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(store.get(`${TEMP_DIR}crash-1`)).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await store.purgeTemp(60_000)).toBe(0);
    expect(await store.purgeTemp(0)).toBe(3);
    await store.close();
  });
});

describe('signed URLs', () => {
  test('a GET URL reads the object without credentials and expires; a PUT URL writes one whose sha256 head computes', async () => {
    const store = openStore(s3.endpoint, BUCKET);
    const source = pattern(50_000, 6);
    await store.put('shared.bin', source);
    const getUrl = await store.signedUrl('shared.bin', { expiresInSeconds: 60 });
    expect(getUrl).not.toContain('S3RVER&');
    const got = Buffer.from(await (await fetch(getUrl)).arrayBuffer());
    expect(sha256(got)).toBe(sha256(source));

    const upload = pattern(30_000, 7);
    const putUrl = await store.signedUrl('uploaded.bin', { method: 'PUT' });
    const res = await fetch(putUrl, { method: 'PUT', body: upload });
    expect(res.status).toBe(200);
    const info = await store.head('uploaded.bin');
    expect(info).toMatchObject({ size: upload.length, sha256: sha256(upload) });
    // A copy stores the computed hash, so the next head needs no read.
    await store.copy('uploaded.bin', 'copied.bin');
    const copied = await s3.raw.send(
      new HeadObjectCommand({ Bucket: BUCKET, Key: `${prefixOf(store)}copied.bin` }),
    );
    expect(copied.Metadata?.sha256).toBe(sha256(upload));

    // s3rver checks the expiry (not SigV4 signatures themselves): an expired URL is refused.
    const shortLived = await store.signedUrl('shared.bin', { expiresInSeconds: 1 });
    await new Promise((r) => setTimeout(r, 2100));
    expect((await fetch(shortLived)).status).toBe(403);
    await expect(store.signedUrl('shared.bin', { expiresInSeconds: 8 * 24 * 3600 })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await store.close();
  });
});

describe('objects and errors from outside', () => {
  test('verify fails a stream whose bytes were changed behind the store', async () => {
    const store = openStore(s3.endpoint, BUCKET);
    const source = pattern(100_000, 8);
    await store.put('rot.bin', source);
    const flipped = Buffer.from(source);
    flipped[5000] = (flipped[5000] ?? 0) ^ 1;
    await s3.raw.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: `${prefixOf(store)}rot.bin`,
        Body: flipped,
        Metadata: { sha256: sha256(source) },
      }),
    );
    await expect(readAll(await store.get('rot.bin', { verify: true }))).rejects.toMatchObject({
      code: 'INTEGRITY',
    });
    expect((await readAll(await store.get('rot.bin'))).equals(flipped)).toBe(true);
    await store.close();
  });

  test('metadata values that are not plain ASCII round trip, and the reserved sha256 key is refused', async () => {
    const store = openStore(s3.endpoint, BUCKET);
    const metadata = { title: ' 日本語 🎬 ', note: '=?UTF-8?B?not-encoded?=', empty: '', plain: 'a b' };
    await store.put('m.bin', Buffer.from('x'), { metadata });
    expect((await store.head('m.bin'))?.metadata).toEqual(metadata);
    const raw = await s3.raw.send(new GetObjectCommand({ Bucket: BUCKET, Key: `${prefixOf(store)}m.bin` }));
    expect(raw.Metadata?.plain).toBe('a b');
    await expect(store.put('m.bin', Buffer.from('x'), { metadata: { sha256: 'x' } })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(store.put('m.bin', Buffer.from('x'), { metadata: { Upper: 'x' } })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await store.close();
  });

  test('wrong credentials map to PERMISSION_DENIED, a missing bucket to UNAVAILABLE, and no secret is printed', async () => {
    const wrong = openStore(s3.endpoint, BUCKET, {
      credentials: { accessKeyId: 'NOBODY', secretAccessKey: 'secret-xyz-987' },
    });
    const err = await wrong.put('x.bin', Buffer.from('x')).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'PERMISSION_DENIED' });
    expect(JSON.stringify(err) + String(err)).not.toContain('secret-xyz-987');
    // The cause is the SDK error without its raw HTTP exchange (no signed headers to log).
    const cause = (err as Error).cause as Record<string, unknown>;
    expect(cause).toMatchObject({ name: 'InvalidAccessKeyId' });
    expect(cause.$response).toBeUndefined();
    expect(inspect(err, { depth: 10 })).not.toMatch(/Signature=|secret-xyz-987/);
    await wrong.close();
    const missing = openStore(s3.endpoint, 'no-such-bucket');
    await expect(missing.put('x.bin', Buffer.from('x'))).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      retryable: false,
    });
    await missing.close();
  });

  test('a range read with verify is refused (verify covers whole objects only)', async () => {
    const store = openStore(s3.endpoint, BUCKET);
    await store.put('r.bin', Buffer.from('0123456789'));
    await expect(store.get('r.bin', { range: { start: 1, end: 2 }, verify: true })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect((await readAll(await store.get('r.bin', { range: { start: 1, end: 2 } }))).toString()).toBe('12');
    await store.close();
  });
});
