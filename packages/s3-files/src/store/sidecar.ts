// Sidecars: `<prefix>.vpe-meta/<key>.json` = { sha256, size, etag } for objects streamed without
// expectedSha256 (their hash is only known after S3 fixed their metadata). A sidecar is trusted only
// while its etag (and size) equal the object's current ones: an overwrite, a crash before the sidecar
// was written, or another tool's write makes it stale, and the object is then hashed again.
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { StoreContext } from './context.js';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** What a sidecar records about one version of an object. */
export interface Sidecar {
  sha256: string;
  size: number;
  etag: string;
}

/** An ETag without its quotes (servers differ in whether they quote it). */
export function normalizeETag(etag: string | undefined): string | null {
  if (etag === undefined || etag === '') return null;
  return etag.replace(/^W\//, '').replace(/^"(.*)"$/, '$1');
}

/** The sidecar's sha256 when it describes exactly this version (`etag`, `size`) of `key`; else null. */
export async function readSidecar(
  ctx: StoreContext,
  key: string,
  etag: string | undefined,
  size: number | undefined,
): Promise<string | null> {
  const current = normalizeETag(etag);
  if (current === null) return null;
  try {
    const out = await ctx.client.send(
      new GetObjectCommand({ Bucket: ctx.bucket, Key: ctx.keys.sidecarObjectKey(key) }),
    );
    const text = (await out.Body?.transformToString('utf8')) ?? '';
    const parsed = JSON.parse(text) as Partial<Sidecar>;
    if (
      typeof parsed.sha256 === 'string' &&
      SHA256_HEX.test(parsed.sha256) &&
      normalizeETag(parsed.etag) === current &&
      (size === undefined || parsed.size === size)
    ) {
      return parsed.sha256;
    }
    return null;
  } catch {
    // Missing, unreadable or malformed: the caller hashes the object.
    return null;
  }
}

/** Writes the sidecar of `key` (best effort: a missing sidecar only costs a re-hash on `head`). */
export async function writeSidecar(ctx: StoreContext, key: string, sidecar: Sidecar): Promise<void> {
  try {
    await ctx.client.send(
      new PutObjectCommand({
        Bucket: ctx.bucket,
        Key: ctx.keys.sidecarObjectKey(key),
        Body: JSON.stringify(sidecar),
        ContentType: 'application/json',
      }),
    );
  } catch {
    // Caught later by the etag check.
  }
}

/** Deletes the sidecar of `key` (best effort: a stale one is never trusted anyway). */
export async function deleteSidecar(ctx: StoreContext, key: string): Promise<void> {
  try {
    await ctx.client.send(
      new DeleteObjectCommand({ Bucket: ctx.bucket, Key: ctx.keys.sidecarObjectKey(key) }),
    );
  } catch {
    // Best effort.
  }
}
