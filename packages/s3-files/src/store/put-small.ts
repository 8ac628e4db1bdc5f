import { PutObjectCommand } from '@aws-sdk/client-s3';
import { SHA256_META } from '../metadata/user-metadata.js';
import { type StoreContext, s3Call } from './context.js';
import { abortError, integrityError } from './put-options.js';
import type { PutRequest } from './put-request.js';

/**
 * A body that fit under the threshold (already read and hashed): checked, then sent as one
 * PutObject carrying its sha256, which S3 makes visible all at once.
 */
export async function putSmall(
  ctx: StoreContext,
  req: PutRequest,
  chunks: Buffer[],
  size: number,
  sha256: string,
): Promise<void> {
  const { checked, signal } = req;
  if (checked.expectedSha256 !== null && checked.expectedSha256 !== sha256) {
    throw integrityError(req.key, checked.expectedSha256, sha256);
  }
  if (signal?.aborted) throw abortError(signal);
  const bytes = Buffer.concat(chunks, size);
  await s3Call(ctx, { operation: 'PutObject', key: req.key, ifNotExists: req.ifNotExists }, () =>
    ctx.client.send(
      new PutObjectCommand({
        Bucket: ctx.bucket,
        Key: req.objectKey,
        Body: bytes,
        ContentLength: bytes.length,
        ContentType: checked.contentType,
        Metadata: { ...req.metadata, [SHA256_META]: sha256 },
        ...(req.ifNotExists ? { IfNoneMatch: '*' } : {}),
      }),
      signal ? { abortSignal: signal } : {},
    ),
  );
}
