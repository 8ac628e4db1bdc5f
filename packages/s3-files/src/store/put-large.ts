import type { Readable } from 'node:stream';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { type ByteMeter, meteredStream } from '../body/hashing-stream.js';
import { toStorageError } from '../errors/map-error.js';
import { SHA256_META } from '../metadata/user-metadata.js';
import type { StoreContext } from './context.js';
import { abortError, integrityError } from './put-options.js';
import type { PutRequest } from './put-request.js';
import { normalizeETag, writeSidecar } from './sidecar.js';

/**
 * A body larger than the threshold. Returns its sha256.
 *
 * Both paths are one multipart upload straight to the key, made visible atomically by
 * CompleteMultipartUpload (with `If-None-Match: *` under ifNotExists); a size overrun, a source
 * error or an abort fails the stream, and the upload is aborted before completing.
 *
 * With `expectedSha256` the hash is known up front and goes into the object's metadata; the
 * stream's end is held back until the computed hash matches, so a mismatch aborts the upload too.
 *
 * Without it the hash is only known at the end, after S3 fixed the metadata: once the upload
 * completed, the hash is written to the sidecar `<prefix>.vpe-meta/<key>.json` together with the
 * ETag CompleteMultipartUpload returned; `head` trusts it only while the object keeps that ETag.
 */
export async function putLarge(
  ctx: StoreContext,
  req: PutRequest,
  head: Buffer[],
  rest: AsyncIterator<Buffer>,
  meter: ByteMeter,
): Promise<string> {
  const expected = req.checked.expectedSha256;
  if (expected !== null) {
    const check = (): void => {
      if (meter.digest() !== expected) throw meter.refuse(integrityError(req.key, expected, meter.digest()));
    };
    await upload(
      ctx,
      req,
      req.objectKey,
      { ...req.metadata, [SHA256_META]: expected },
      meteredStream(head, rest, meter, check),
      rest,
      meter,
    );
    return expected;
  }
  const etag = await upload(
    ctx,
    req,
    req.objectKey,
    req.metadata,
    meteredStream(head, rest, meter),
    rest,
    meter,
  );
  const sha256 = meter.digest();
  // Only the ETag of our own completion may label the hash: one read back could belong to a racing
  // writer. Without it (a server that leaves it out) no sidecar is written and `head` hashes once.
  const current = normalizeETag(etag);
  if (current !== null) await writeSidecar(ctx, req.key, { sha256, size: meter.size, etag: current });
  return sha256;
}

// One lib-storage Upload of a metered stream; failures abort it and report the body's own
// failure (source error, size limit, hash mismatch) rather than the SDK error it caused.
async function upload(
  ctx: StoreContext,
  req: PutRequest,
  objectKey: string,
  metadata: Record<string, string>,
  body: Readable,
  rest: AsyncIterator<Buffer>,
  meter: ByteMeter,
): Promise<string | undefined> {
  const { signal } = req;
  const task = new Upload({
    client: ctx.client,
    params: {
      Bucket: ctx.bucket,
      Key: objectKey,
      Body: body,
      ContentType: req.checked.contentType,
      Metadata: metadata,
      // Passed on to CompleteMultipartUpload (or the single PutObject), where S3 enforces it.
      ...(req.ifNotExists ? { IfNoneMatch: '*' } : {}),
    },
    partSize: ctx.options.partSize,
    queueSize: ctx.options.uploadConcurrency,
    // A failed upload is aborted, so no orphaned parts stay billed in the bucket.
    leavePartsOnError: false,
  });
  const onAbort = (): void => {
    void task.abort();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const done = await task.done();
    return 'ETag' in done ? done.ETag : undefined;
  } catch (err) {
    body.destroy();
    void rest.return?.().catch(() => {});
    if (meter.sourceError !== undefined) throw meter.sourceError;
    if (meter.refusal) throw meter.refusal;
    if (signal?.aborted) throw abortError(signal);
    throw toStorageError(err, {
      operation: 'Upload',
      key: req.key,
      bucket: ctx.bucket,
      secrets: ctx.secrets,
      ifNotExists: req.ifNotExists,
    });
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

/** Deletes an object key, ignoring failures (temp objects: `purgeTemp` or a lifecycle rule sweeps stragglers). */
export async function deleteQuietly(ctx: StoreContext, objectKey: string): Promise<void> {
  try {
    await ctx.client.send(new DeleteObjectCommand({ Bucket: ctx.bucket, Key: objectKey }));
  } catch {
    // The temp area is never listed.
  }
}
