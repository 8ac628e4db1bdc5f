import type { FileBody, FileInfo, FileStore } from '../contracts/file-store.js';
import { newId } from '../ids/new-id.js';
import { blobKey, blobTouchKey, tempKey } from './layout.js';

/** Options of the blob writers. */
export interface BlobPutOptions {
  contentType: string;
  maxSize: number;
}

/** The stored blob, and whether this call wrote it (false: the same bytes were already there). */
export interface BlobResult {
  info: FileInfo;
  created: boolean;
}

async function existingBlob(store: FileStore, sha256: string): Promise<FileInfo | null> {
  const info = await store.head(blobKey(sha256));
  // A blob whose bytes no longer hash to its name is damaged: it is rewritten rather than shared.
  return info && info.sha256 === sha256 ? info : null;
}

/**
 * The existing blob of `sha256`, marked as just used: its touch marker is rewritten (a fresh `lastModified`
 * that cleanup's grace period and its last-moment re-check both honour), then the blob is looked up again,
 * since a cleanup may have removed it before the touch landed. Null when it is gone: the caller writes it.
 */
async function reuseBlob(store: FileStore, sha256: string): Promise<FileInfo | null> {
  if (!(await existingBlob(store, sha256))) return null;
  await store.put(blobTouchKey(sha256), Buffer.from(JSON.stringify({ touched: new Date().toISOString() })), {
    contentType: 'application/json',
  });
  return existingBlob(store, sha256);
}

/** Stores bytes whose sha256 is already known (in memory, or a file hashed first): written only when new. */
export async function putKnownBlob(
  store: FileStore,
  sha256: string,
  body: () => FileBody,
  options: BlobPutOptions,
): Promise<BlobResult> {
  const found = await reuseBlob(store, sha256);
  if (found) return { info: found, created: false };
  const info = await store.put(blobKey(sha256), body(), {
    contentType: options.contentType,
    maxSize: options.maxSize,
    expectedSha256: sha256,
  });
  return { info, created: true };
}

/** Stores a stream whose hash is unknown: it lands in `temp/`, then moves to its blob key unless that exists. */
export async function putStreamBlob(
  store: FileStore,
  body: FileBody,
  options: BlobPutOptions,
): Promise<BlobResult> {
  const staging = tempKey(`ingest-${newId()}`);
  const staged = await store.put(staging, body, {
    contentType: options.contentType,
    maxSize: options.maxSize,
  });
  try {
    const found = await reuseBlob(store, staged.sha256);
    if (found) return { info: found, created: false };
    // Replacing is safe: a concurrent writer of the same blob moves the same bytes.
    const info = await store.move(staging, blobKey(staged.sha256));
    return { info, created: true };
  } finally {
    await store.delete(staging).catch(() => false);
  }
}
