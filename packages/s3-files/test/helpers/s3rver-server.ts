// Starts s3rver on 127.0.0.1 (random port, temp directory), made S3-faithful where the adapter
// relies on it: atomic writes and S3 listing order (atomic-store.ts), and ListObjectsV2 tokens,
// AbortMultipartUpload, UploadPartCopy and If-None-Match (s3rver-extras.ts).
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { atomicStoreClass } from './atomic-store.js';
import { KeyLock } from './key-lock.js';
import { type ExtrasStore, type Middleware, s3rverExtras } from './s3rver-extras.js';

const require = createRequire(import.meta.url);

/** s3rver's fixed development credentials. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

interface S3rverInstance {
  store: ExtrasStore;
  context: { store: unknown };
  middleware: Middleware[];
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;
const S3rver = require('s3rver') as S3rverClass;

/** A running s3rver. */
export interface TestS3 {
  endpoint: string;
  port: number;
  /** Its storage folder (for checks of leftover multipart parts). */
  directory: string;
  /** A plain client with the checksum settings s3rver needs. */
  raw: S3Client;
  createBucket(name: string): Promise<void>;
  /** Multipart uploads still open in `bucket` (s3rver has no ListMultipartUploads: read its folder). */
  pendingUploads(bucket: string): Promise<string[]>;
  /** The bytes of an object read with a plain GetObject, or null. */
  readRaw(bucket: string, objectKey: string): Promise<Buffer | null>;
  /** Every request the server received, as "METHOD /path?query-names" (for asserting which S3 calls ran). */
  requests: string[];
  close(): Promise<void>;
}

/** A plain S3Client for s3rver at `endpoint`. */
export function rawClient(
  endpoint: string,
  checksums: 'WHEN_REQUIRED' | 'WHEN_SUPPORTED' = 'WHEN_REQUIRED',
): S3Client {
  return new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
    requestChecksumCalculation: checksums,
    responseChecksumValidation: checksums,
  });
}

/** Starts s3rver on 127.0.0.1 with a random port and a fresh temp directory (`listUploads: false`: no ListMultipartUploads). */
export async function startS3rver(options: { listUploads?: boolean } = {}): Promise<TestS3> {
  const base = await mkdtemp(join(tmpdir(), 'vpe-s3rver-'));
  const directory = join(base, 'data');
  const tmp = join(base, 'tmp');
  await mkdir(directory);
  await mkdir(tmp);
  const locks = new KeyLock();
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: process.env.S3RVER_LOG !== '1',
    directory,
  });
  const Store = atomicStoreClass(tmp, locks);
  const store = new Store(directory) as unknown as ExtrasStore;
  server.store = store;
  server.context.store = store;

  const requests: string[] = [];
  server.middleware.unshift(s3rverExtras(store, requests, { listUploads: options.listUploads ?? true }));

  const address = await server.run();
  const endpoint = `http://127.0.0.1:${address.port}`;
  const raw = rawClient(endpoint);
  return {
    endpoint,
    port: address.port,
    directory,
    requests,
    raw,
    async createBucket(name) {
      await raw.send(new CreateBucketCommand({ Bucket: name }));
    },
    async pendingUploads(bucket) {
      try {
        return await readdir(store.getResourcePath(bucket, undefined, 'uploads'));
      } catch {
        return [];
      }
    },
    async readRaw(bucket, objectKey) {
      try {
        const out = await raw.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey }));
        return Buffer.from(
          await (out.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray(),
        );
      } catch (err) {
        if ((err as { name?: string }).name === 'NoSuchKey') return null;
        throw err;
      }
    },
    async close() {
      raw.destroy();
      await server.close();
      await rm(base, { recursive: true, force: true });
    },
  };
}
