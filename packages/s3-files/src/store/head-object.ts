import { createHash } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, type HeadObjectCommandOutput } from '@aws-sdk/client-s3';
import type { FileInfo } from '@vpe-storage/core';
import { isNotFound } from '../errors/map-error.js';
import { decodeMetadata, SHA256_META } from '../metadata/user-metadata.js';
import { type StoreContext, s3Call } from './context.js';

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

// Objects written by other tools or through a signed PUT URL carry no sha256: hash them by
// streaming once (never buffering) so `head` keeps its contract.
async function hashObject(ctx: StoreContext, key: string): Promise<string> {
  return s3Call(ctx, { operation: 'GetObject', key }, async () => {
    const out = await ctx.client.send(
      new GetObjectCommand({ Bucket: ctx.bucket, Key: ctx.keys.toObjectKey(key) }),
    );
    const hash = createHash('sha256');
    for await (const chunk of out.Body as AsyncIterable<Uint8Array>) hash.update(chunk);
    return hash.digest('hex');
  });
}

/** A FileInfo from a HeadObject (or GetObject) answer. */
export async function toFileInfo(
  ctx: StoreContext,
  key: string,
  head: Pick<HeadObjectCommandOutput, 'ContentLength' | 'ContentType' | 'Metadata' | 'LastModified'>,
): Promise<FileInfo> {
  return {
    key,
    size: head.ContentLength ?? 0,
    sha256: storedSha256(head) ?? (await hashObject(ctx, key)),
    contentType: head.ContentType ?? 'application/octet-stream',
    metadata: decodeMetadata(head.Metadata),
    lastModified: (head.LastModified ?? new Date()).toISOString(),
  };
}
