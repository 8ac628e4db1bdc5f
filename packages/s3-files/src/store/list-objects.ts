import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import {
  assertValidPrefix,
  decodeCursor,
  encodeCursor,
  type ListEntry,
  type ListOptions,
  type Page,
  pageWindow,
  StorageError,
} from '@vpe-storage/core';
import { type StoreContext, s3Call } from './context.js';

/**
 * One page of keys in ascending order. The cursor is the last key returned (opaque, base64url):
 * the next page starts after it with StartAfter, so writes between pages neither lose nor repeat keys.
 * Temp-area objects are skipped, so a page may take more than one ListObjectsV2 call.
 */
export async function listObjects(ctx: StoreContext, options: ListOptions = {}): Promise<Page<ListEntry>> {
  const prefix = options.prefix ?? '';
  assertValidPrefix(prefix);
  const { limit } = pageWindow({ limit: options.limit, cursor: null }, 1);
  let startAfter: string | undefined;
  if (options.cursor) {
    const [last] = decodeCursor(options.cursor, 1);
    if (typeof last !== 'string' || !last.startsWith(prefix)) {
      throw new StorageError(
        'VALIDATION',
        'invalid page cursor: pass the nextCursor of a previous page with the same prefix',
      );
    }
    startAfter = ctx.keys.toObjectKey(last);
  }
  const items: ListEntry[] = [];
  let more = true;
  while (more && items.length <= limit) {
    const out = await s3Call(ctx, { operation: 'ListObjectsV2' }, () =>
      ctx.client.send(
        new ListObjectsV2Command({
          Bucket: ctx.bucket,
          Prefix: ctx.keys.toObjectKey(prefix),
          MaxKeys: Math.min(1000, limit + 1 - items.length),
          ...(startAfter === undefined ? {} : { StartAfter: startAfter }),
        }),
      ),
    );
    const contents = out.Contents ?? [];
    for (const o of contents) {
      const key = o.Key === undefined ? null : ctx.keys.toStoreKey(o.Key);
      if (key !== null)
        items.push({ key, size: o.Size ?? 0, lastModified: (o.LastModified ?? new Date(0)).toISOString() });
    }
    more = out.IsTruncated === true && contents.length > 0;
    startAfter = contents[contents.length - 1]?.Key ?? startAfter;
  }
  const page = items.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page, nextCursor: items.length > limit && last ? encodeCursor([last.key]) : null };
}
