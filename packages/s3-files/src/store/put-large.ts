import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { type ByteMeter, meteredStream } from '../body/hashing-stream.js';
import { toStorageError } from '../errors/map-error.js';
import { SHA256_META } from '../metadata/user-metadata.js';
import type { StoreContext } from './context.js';
import { copyObjectRaw } from './copy-object.js';
import { headRaw } from './head-object.js';
import { abortError, integrityError } from './put-options.js';
import type { AlreadyExists, PutRequest } from './put-request.js';

/**
 * A body larger than the threshold. Returns its sha256.
 *
 * With `expectedSha256` the hash is known up front: one multipart upload straight to the key with
 * the hash in its metadata; the stream's end is held back until the computed hash matches, so a
 * mismatch (or a size overrun) aborts the upload before CompleteMultipartUpload makes anything visible.
 *
 * Without it the hash is only known at the end, and S3 metadata is fixed when an upload starts:
 * the body streams into a multipart upload to `<prefix>.vpe-tmp/<uuid>` and, once every check
 * passed, is copied server side to the key with the hash added (MetadataDirective REPLACE). The
 * temp object is always deleted.
 */
export async function putLarge(
  ctx: StoreContext,
  req: PutRequest,
  head: Buffer[],
  rest: AsyncIterator<Buffer>,
  meter: ByteMeter,
  alreadyExists: AlreadyExists,
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
  const tempKey = ctx.keys.tempObjectKey(randomUUID());
  try {
    await upload(
      ctx,
      { ...req, ifNotExists: false },
      tempKey,
      {},
      meteredStream(head, rest, meter),
      rest,
      meter,
    );
    const sha256 = meter.digest();
    if (req.signal?.aborted) throw abortError(req.signal);
    if (req.ifNotExists && (await headRaw(ctx, req.key)) !== null) throw alreadyExists(req.key);
    await copyObjectRaw(ctx, {
      key: req.key,
      fromObjectKey: tempKey,
      toObjectKey: req.objectKey,
      size: meter.size,
      ifNotExists: req.ifNotExists,
      replace: { contentType: req.checked.contentType, metadata: { ...req.metadata, [SHA256_META]: sha256 } },
    });
    return sha256;
  } finally {
    await deleteQuietly(ctx, tempKey);
  }
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
): Promise<void> {
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
    await task.done();
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
