import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { type SignedUrlOptions, StorageError } from '@vpe-storage/core';
import { checkKey } from '../keys/object-key.js';
import { type StoreContext, s3Call } from './context.js';

// SigV4 presigned URLs live at most 7 days.
const MAX_EXPIRY_SECONDS = 7 * 24 * 3600;

/**
 * A presigned GET or PUT URL. An object written through a PUT URL carries no stored sha256;
 * `head` then hashes it once by streaming.
 */
export async function signedUrl(
  ctx: StoreContext,
  key: string,
  options: SignedUrlOptions = {},
): Promise<string> {
  checkKey(key);
  const method = options.method ?? 'GET';
  const expiresIn = options.expiresInSeconds ?? 3600;
  if (method !== 'GET' && method !== 'PUT') {
    throw new StorageError(
      'VALIDATION',
      `invalid signed URL method ${JSON.stringify(method)}: use GET or PUT`,
    );
  }
  if (!Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > MAX_EXPIRY_SECONDS) {
    throw new StorageError(
      'VALIDATION',
      `invalid expiresInSeconds ${expiresIn}: pass 1 to ${MAX_EXPIRY_SECONDS} (7 days)`,
    );
  }
  const input = { Bucket: ctx.bucket, Key: ctx.keys.toObjectKey(key) };
  const command = method === 'GET' ? new GetObjectCommand(input) : new PutObjectCommand(input);
  return s3Call(ctx, { operation: `presign ${method}`, key }, () =>
    getSignedUrl(ctx.client, command, { expiresIn }),
  );
}
