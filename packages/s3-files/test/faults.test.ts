// Faults between the store and the server: a proxy answers 503 SlowDown or resets the connection on
// a fixed schedule. Each upload either completes with the right bytes (the SDK retried) or fails with
// UNAVAILABLE, and never leaves a multipart upload, a temp object or a partial object behind.
import { readAll } from '@vpe-storage/core/conformance';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { S3FileStore } from '../src/index.js';
import { pattern, sha256, streamOf } from './helpers/bytes.js';
import { type FaultProxy, type FaultSchedule, startFaultProxy } from './helpers/fault-proxy.js';
import { openStore } from './helpers/open-store.js';
import { startS3rver, type TestS3 } from './helpers/s3rver-server.js';

const MiB = 1024 * 1024;
const BUCKET = 'faults';
let s3: TestS3;
let proxy: FaultProxy | undefined;

beforeAll(async () => {
  s3 = await startS3rver();
  await s3.createBucket(BUCKET);
});
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});
afterAll(async () => {
  await s3?.close();
});

async function storeBehind(schedule: FaultSchedule, maxAttempts: number): Promise<S3FileStore> {
  proxy = await startFaultProxy(s3.endpoint, schedule);
  // One part at a time, so the n-th UploadPart request is the same request on every run.
  return openStore(proxy.endpoint, BUCKET, { partSize: 5 * MiB, uploadConcurrency: 1, maxAttempts });
}

function prefixOf(store: S3FileStore): string {
  return store.toString().replace(`s3://${BUCKET}/`, '');
}

/** Nothing half-done is left: no open multipart upload, nothing in the temp area. */
async function assertNoLeftovers(store: S3FileStore): Promise<void> {
  expect(await s3.pendingUploads(BUCKET)).toEqual([]);
  const direct = openStore(s3.endpoint, BUCKET, { prefix: prefixOf(store) });
  expect(await direct.purgeTemp(0)).toBe(0);
  await direct.close();
}

describe('faults on UploadPart', () => {
  test('every 3rd UploadPart answers 503 and the 2nd is reset: retries complete the upload byte for byte', async () => {
    const store = await storeBehind(
      { uploadPart: (n) => (n === 2 ? 'reset' : n % 3 === 0 ? '503' : 'pass') },
      3,
    );
    const source = pattern(17 * MiB, 31);
    const info = await store.put('retried.bin', streamOf(source));
    expect(proxy?.counts.resets).toBe(1);
    expect(proxy?.counts.faults503).toBeGreaterThanOrEqual(1);
    expect(info.sha256).toBe(sha256(source));
    const raw = await s3.readRaw(BUCKET, `${prefixOf(store)}retried.bin`);
    expect(sha256(raw ?? Buffer.alloc(0))).toBe(sha256(source));
    await assertNoLeftovers(store);
    await store.close();
  });

  test('without retries (maxAttempts 1) the first 503 fails the put with UNAVAILABLE and the upload is aborted', async () => {
    const store = await storeBehind({ uploadPart: (n) => (n === 2 ? '503' : 'pass') }, 1);
    const err = await store.put('failed.bin', streamOf(pattern(12 * MiB, 32))).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
    expect(await store.exists('failed.bin')).toBe(false);
    expect(await s3.readRaw(BUCKET, `${prefixOf(store)}failed.bin`)).toBeNull();
    await assertNoLeftovers(store);
    await store.close();
  });

  test('a reset that outlasts the retries fails with UNAVAILABLE and leaves the old object in place', async () => {
    const store = await storeBehind({ uploadPart: (n) => (n >= 2 ? 'reset' : 'pass') }, 2);
    const old = pattern(1000, 33);
    await store.put('kept.bin', old);
    const err = await store.put('kept.bin', streamOf(pattern(12 * MiB, 34))).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'UNAVAILABLE' });
    expect((await readAll(await store.get('kept.bin'))).equals(old)).toBe(true);
    await assertNoLeftovers(store);
    await store.close();
  });

  test('a 503 storm on every UploadPart fails with UNAVAILABLE after maxAttempts tries per part', async () => {
    const store = await storeBehind({ uploadPart: () => '503' }, 3);
    const err = await store.put('storm.bin', streamOf(pattern(11 * MiB, 35))).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'UNAVAILABLE' });
    expect(proxy?.counts.uploadPart).toBe(3);
    await assertNoLeftovers(store);
    await store.close();
  });
});

describe('faults on small objects and reads', () => {
  test('a PutObject answered 503 once and a GetObject reset once are retried transparently', async () => {
    const store = await storeBehind(
      { putObject: (n) => (n === 1 ? '503' : 'pass'), getObject: (n) => (n === 1 ? 'reset' : 'pass') },
      3,
    );
    const source = pattern(300_000, 36);
    const info = await store.put('small.bin', streamOf(source));
    expect(info.sha256).toBe(sha256(source));
    expect((await readAll(await store.get('small.bin', { verify: true }))).equals(source)).toBe(true);
    expect(proxy?.counts.faults503).toBe(1);
    expect(proxy?.counts.resets).toBe(1);
    await store.close();
  });

  test('a refused connection maps to UNAVAILABLE (retryable) without leaking credentials', async () => {
    proxy = await startFaultProxy(s3.endpoint, {});
    const endpoint = proxy.endpoint;
    await proxy.close();
    proxy = undefined;
    const store = openStore(endpoint, BUCKET, {
      maxAttempts: 2,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'very-secret-value-123' },
    });
    const err = await store.head('x.bin').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'UNAVAILABLE', retryable: true });
    expect(String((err as Error).message)).not.toContain('very-secret-value-123');
    expect(JSON.stringify(err)).not.toContain('very-secret-value-123');
    await store.close();
  });
});
