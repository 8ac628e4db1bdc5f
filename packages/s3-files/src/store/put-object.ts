import { type FileBody, type FileInfo, type PutOptions, StorageError } from '@vpe-storage/core';
import { bodyChunks, readHead } from '../body/body-chunks.js';
import { ByteMeter } from '../body/hashing-stream.js';
import { checkKey } from '../keys/object-key.js';
import { encodeMetadata } from '../metadata/user-metadata.js';
import type { StoreContext } from './context.js';
import { headRaw } from './head-object.js';
import { putLarge } from './put-large.js';
import { abortError, checkPutOptions } from './put-options.js';
import type { PutRequest } from './put-request.js';
import { putSmall } from './put-small.js';

/**
 * Stores a body atomically under `key`: readers see the old object or the whole new one.
 * Up to `multipartThreshold` bytes: one PutObject (put-small.ts); above: a multipart upload straight
 * to the key, carrying the hash when expectedSha256 is given, else followed by a sha256 sidecar
 * (put-large.ts). Options are checked before any byte is read; ifNotExists before any is sent.
 */
export async function putObject(
  ctx: StoreContext,
  key: string,
  body: FileBody,
  options: PutOptions = {},
): Promise<FileInfo> {
  checkKey(key);
  const req: PutRequest = {
    key,
    objectKey: ctx.keys.toObjectKey(key),
    checked: checkPutOptions(options, ctx.options.maxFileSize),
    metadata: encodeMetadata(options.metadata),
    ifNotExists: options.ifNotExists ?? false,
    signal: options.signal,
  };
  if (req.signal?.aborted) throw abortError(req.signal);
  if (req.ifNotExists && (await headRaw(ctx, key)) !== null) throw alreadyExists(key);

  const meter = new ByteMeter(req.checked.maxSize, options.onProgress);
  const chunks = bodyChunks(body);
  const head = await readWithSignal(
    readHead(chunks, ctx.options.multipartThreshold, meter),
    req.signal,
    chunks,
  );
  let sha256: string;
  if (head.ended) {
    sha256 = meter.digest();
    await putSmall(ctx, req, head.chunks, head.size, sha256);
  } else {
    sha256 = await putLarge(ctx, req, head.chunks, chunks, meter);
  }

  const stored = await headRaw(ctx, key);
  return {
    key,
    size: meter.size,
    sha256,
    contentType: req.checked.contentType,
    metadata: { ...(options.metadata ?? {}) },
    lastModified: (stored?.LastModified ?? new Date()).toISOString(),
  };
}

function alreadyExists(key: string): StorageError {
  return new StorageError(
    'ALREADY_EXISTS',
    `${JSON.stringify(key)} already exists: delete it first or drop ifNotExists`,
    {
      details: { key },
    },
  );
}

// Waits for the body's first bytes, giving up (and releasing the source) when the signal fires.
async function readWithSignal<T>(
  read: Promise<T>,
  signal: AbortSignal | undefined,
  chunks: AsyncIterator<Buffer>,
): Promise<T> {
  if (!signal) return read;
  let onAbort = (): void => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([read, aborted]);
  } catch (err) {
    void chunks.return?.().catch(() => {});
    throw err;
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
