// Aborts multipart uploads under the store's prefix that a killed process left open (their parts stay billed).
import { AbortMultipartUploadCommand, ListMultipartUploadsCommand } from '@aws-sdk/client-s3';
import { isStorageError } from '@vpe-storage/core';
import { type StoreContext, s3Call } from './context.js';

/**
 * Aborts the multipart uploads under the prefix initiated more than `olderThanMs` ago; returns how many. A server
 * without ListMultipartUploads (UNSUPPORTED) is skipped: a bucket lifecycle rule
 * (AbortIncompleteMultipartUpload) does the same there.
 */
export async function abortStaleUploads(ctx: StoreContext, olderThanMs: number): Promise<number> {
  const cutoff = Date.now() - olderThanMs;
  let aborted = 0;
  let keyMarker: string | undefined;
  let uploadIdMarker: string | undefined;
  do {
    const out = await s3Call(ctx, { operation: 'ListMultipartUploads' }, () =>
      ctx.client.send(
        new ListMultipartUploadsCommand({
          Bucket: ctx.bucket,
          Prefix: ctx.keys.prefix,
          KeyMarker: keyMarker,
          UploadIdMarker: uploadIdMarker,
        }),
      ),
    ).catch((err: unknown) => {
      if (isStorageError(err) && err.code === 'UNSUPPORTED') return null;
      throw err;
    });
    if (out === null) return aborted;
    for (const u of out.Uploads ?? []) {
      if (!u.Key || !u.UploadId || (u.Initiated?.getTime() ?? Date.now()) >= cutoff) continue;
      await abortQuietly(ctx, u.Key, u.UploadId);
      aborted++;
    }
    keyMarker = out.IsTruncated ? out.NextKeyMarker : undefined;
    uploadIdMarker = out.IsTruncated ? out.NextUploadIdMarker : undefined;
  } while (keyMarker);
  return aborted;
}

// An upload completed or aborted meanwhile (NoSuchUpload) is fine; anything else is left to the next run.
async function abortQuietly(ctx: StoreContext, objectKey: string, uploadId: string): Promise<void> {
  try {
    await ctx.client.send(
      new AbortMultipartUploadCommand({ Bucket: ctx.bucket, Key: objectKey, UploadId: uploadId }),
    );
  } catch {
    // Nothing to do: the upload is gone or the next cleanup retries.
  }
}
