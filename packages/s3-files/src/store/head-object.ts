import { createHash } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, type HeadObjectCommandOutput } from '@aws-sdk/client-s3';
import type { FileInfo } from '@vpe-storage/core';
import { isNotFound } from '../errors/map-error.js';
import { decodeMetadata, SHA256_META } from '../metadata/user-metadata.js';
import { type StoreContext, s3Call } from './context.js';
import { normalizeETag, readSidecar, writeSidecar } from './sidecar.js';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** HeadObject of a store key; null when the object does not exist. */
export async function headRaw(ctx: StoreContext, key: string): Promise<HeadObjectCommandOutput | null> {
  return s3Call(ctx, { operation: 'HeadObject', key }, async () => {
    try {
      return await ctx.client.send(
        new HeadObjectCommand({ Bucket: ctx.bucket, Key: ctx.keys.toObjectKey(key) }),
      );
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  });
}

/** The stored sha256 of an object, or null when it was written without one (another tool, a signed PUT). */
export function storedSha256(head: { Metadata?: Record<string, string> | undefined }): string | null {
  const value = head.Metadata?.[SHA256_META];
  return value !== undefined && SHA256_HEX.test(value) ? value : null;
}

// Objects without a trusted sidecar (crash before it was written, overwritten since, written by
// another tool or a signed PUT URL): hash them by streaming once (never buffering) and record the
// hash in a sidecar tied to the ETag of the version that was read.
async function hashObject(ctx: StoreContext, key: string): Promise<string> {
  return s3Call(ctx, { operation: 'GetObject', key }, async () => {
    const out = await ctx.client.send(
      new GetObjectCommand({ Bucket: ctx.bucket, Key: ctx.keys.toObjectKey(key) }),
    );
    const hash = createHash('sha256');
    let size = 0;
    for await (const chunk of out.Body as AsyncIterable<Uint8Array>) {
      hash.update(chunk);
      size += chunk.length;
    }
    const sha256 = hash.digest('hex');
    const etag = normalizeETag(out.ETag);
    if (etag !== null && (out.ContentLength === undefined || out.ContentLength === size)) {
      await writeSidecar(ctx, key, { sha256, size, etag });
    }
    return sha256;
  });
}

/**
 * The sha256 of the version of `key` described by `head`: its own `x-amz-meta-sha256`, else its
 * sidecar when that names the same ETag and size, else a fresh hash of the object (sidecar rewritten).
 */
export async function objectSha256(
  ctx: StoreContext,
  key: string,
  head: Pick<HeadObjectCommandOutput, 'ContentLength' | 'Metadata' | 'ETag'>,
): Promise<string> {
  return (
    storedSha256(head) ??
    (await readSidecar(ctx, key, head.ETag, head.ContentLength)) ??
    (await hashObject(ctx, key))
  );
}

/** A FileInfo from a HeadObject (or GetObject) answer. */
export async function toFileInfo(
  ctx: StoreContext,
  key: string,
  head: Pick<HeadObjectCommandOutput, 'ContentLength' | 'ContentType' | 'Metadata' | 'LastModified' | 'ETag'>,
): Promise<FileInfo> {
  return {
    key,
    size: head.ContentLength ?? 0,
    sha256: await objectSha256(ctx, key, head),
    contentType: head.ContentType ?? 'application/octet-stream',
    metadata: decodeMetadata(head.Metadata),
    lastModified: (head.LastModified ?? new Date()).toISOString(),
  };
}
