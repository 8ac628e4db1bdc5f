// Sweeps the store's temp area: streamed uploads a crashed or killed process never copied to their key.
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { type IncompleteCleanup, StorageError } from '@vpe-storage/core';
import { TEMP_DIR } from '../keys/object-key.js';
import { type StoreContext, s3Call } from './context.js';
import { deleteQuietly } from './put-large.js';

/** Deletes the temp objects last written more than `olderThanMs` ago; counts them and their bytes. */
export async function purgeTempObjects(ctx: StoreContext, olderThanMs: number): Promise<IncompleteCleanup> {
  if (typeof olderThanMs !== 'number' || !Number.isFinite(olderThanMs) || olderThanMs < 0) {
    throw new StorageError('VALIDATION', `invalid age ${olderThanMs}: use a number of milliseconds ≥ 0`, {
      details: { olderThanMs },
    });
  }
  const cutoff = Date.now() - olderThanMs;
  const result: IncompleteCleanup = { removed: 0, bytes: 0 };
  let token: string | undefined;
  do {
    const out = await s3Call(ctx, { operation: 'ListObjectsV2' }, () =>
      ctx.client.send(
        new ListObjectsV2Command({
          Bucket: ctx.bucket,
          Prefix: ctx.keys.prefix + TEMP_DIR,
          ContinuationToken: token,
        }),
      ),
    );
    for (const o of out.Contents ?? []) {
      if (o.Key && (o.LastModified?.getTime() ?? 0) < cutoff) {
        await deleteQuietly(ctx, o.Key);
        result.removed++;
        result.bytes += o.Size ?? 0;
      }
    }
    token = out.IsTruncated ? out.NextContinuationToken : undefined;
  } while (token);
  return result;
}
