import type { Readable } from 'node:stream';
import type { FileBody, FileStore } from '../contracts/file-store.js';
import { StorageError } from '../errors/storage-error.js';
import { writePointer } from './blob-pointer.js';
import { putKnownBlob, putStreamBlob } from './blob-store.js';
import { hashStream, tapHash } from './hash.js';
import type { StoredFile } from './types.js';

/**
 * Bytes ready to be written: either their sha256 is known before writing (bytes in memory, a local file hashed
 * first), or they are a stream seen once.
 */
export type PreparedBody =
  | { kind: 'known'; sha256: string; size: number; open: () => FileBody }
  | { kind: 'stream'; body: AsyncIterable<Uint8Array> };

/** Options of {@link writeVerified}. */
export interface WriteOptions {
  contentType: string;
  metadata: Record<string, string>;
  ifNotExists: boolean;
  maxSize: number;
  dedup: boolean;
  /** Reads a logical key back (following dedup pointers). */
  read: (key: string) => Promise<Readable>;
}

/**
 * Writes `body` at `key` and proves the stored bytes are the given ones, at the lowest cost that still proves it:
 * - known hash: the store gets `expectedSha256`, hashes what it writes and stores nothing on a mismatch
 *   (no second read of a 10 GB upload from S3);
 * - stream: the bytes are hashed as they pass, then the stored object is read back and hashed; on a mismatch the
 *   key is removed and `INTEGRITY` thrown.
 * With dedup the bytes go to `blobs/sha256/…` once and `key` holds a pointer.
 */
export async function writeVerified(
  store: FileStore,
  key: string,
  body: PreparedBody,
  options: WriteOptions,
): Promise<StoredFile> {
  const put = { contentType: options.contentType, maxSize: options.maxSize };
  // Refuse an existing key before any bytes move (no upload spent, no orphan blob); `ifNotExists` still guards races.
  if (options.ifNotExists) await assertAbsent(store, key);
  if (body.kind === 'known') {
    if (options.dedup) {
      const blob = await putKnownBlob(store, body.sha256, body.open, put);
      await writePointer(
        store,
        key,
        { sha256: body.sha256, size: blob.info.size, contentType: options.contentType },
        options.metadata,
        options.ifNotExists,
      );
      return { key, sha256: body.sha256, size: blob.info.size, deduplicated: !blob.created };
    }
    const info = await store.put(key, body.open(), {
      ...put,
      metadata: options.metadata,
      ifNotExists: options.ifNotExists,
      expectedSha256: body.sha256,
    });
    if (info.sha256 !== body.sha256) await failIntegrity(store, key, body.sha256, info.sha256);
    return { key, sha256: info.sha256, size: info.size, deduplicated: false };
  }

  const tap = tapHash(body.body);
  let stored: { sha256: string; size: number; deduplicated: boolean };
  if (options.dedup) {
    const blob = await putStreamBlob(store, tap.body, put);
    const sha256 = blob.info.sha256;
    await writePointer(
      store,
      key,
      { sha256, size: blob.info.size, contentType: options.contentType },
      options.metadata,
      options.ifNotExists,
    );
    stored = { sha256, size: blob.info.size, deduplicated: !blob.created };
  } else {
    const info = await store.put(key, tap.body, {
      ...put,
      metadata: options.metadata,
      ifNotExists: options.ifNotExists,
    });
    stored = { sha256: info.sha256, size: info.size, deduplicated: false };
  }
  const sent = tap.result();
  if (stored.sha256 !== sent.sha256 || stored.size !== sent.size)
    await failIntegrity(store, key, sent.sha256, stored.sha256);
  const reread = await hashStream(await options.read(key));
  if (reread.sha256 !== sent.sha256) await failIntegrity(store, key, sent.sha256, reread.sha256);
  return { key, ...stored };
}

/** Throws `ALREADY_EXISTS` when `key` exists (a cheap early check; `ifNotExists` still guards the write). */
export async function assertAbsent(store: FileStore, key: string): Promise<void> {
  if (await store.exists(key)) {
    throw new StorageError('ALREADY_EXISTS', `file ${JSON.stringify(key)} already exists: use another id`, {
      details: { key },
    });
  }
}

async function failIntegrity(
  store: FileStore,
  key: string,
  expected: string,
  actual: string,
): Promise<never> {
  await store.delete(key).catch(() => false);
  throw new StorageError(
    'INTEGRITY',
    `stored bytes of ${JSON.stringify(key)} hash to ${actual}, expected ${expected}: the copy was removed, store the file again`,
    { details: { key, expected, actual } },
  );
}
