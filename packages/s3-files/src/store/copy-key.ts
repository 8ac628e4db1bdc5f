import { type CopyOptions, type FileInfo, StorageError } from '@vpe-storage/core';
import { checkKey } from '../keys/object-key.js';
import { SHA256_META } from '../metadata/user-metadata.js';
import type { StoreContext } from './context.js';
import { copyObjectRaw } from './copy-object.js';
import { headRaw, storedSha256, toFileInfo } from './head-object.js';

/**
 * Copies `from` to `to` server side, keeping bytes, content type, metadata and the stored sha256
 * (S3 copies them together). An object without a stored hash (streamed without expectedSha256, whose
 * hash is in a sidecar, or written by another tool) gets its sidecar's or the computed hash on the
 * copy (MetadataDirective REPLACE), so the copy describes itself, guarded by CopySourceIfMatch so a source replaced meanwhile is not
 * labelled with the old hash. Returns what the destination now holds.
 */
export async function copyKey(
  ctx: StoreContext,
  from: string,
  to: string,
  options: CopyOptions = {},
): Promise<FileInfo> {
  checkKey(from);
  checkKey(to);
  const src = await headRaw(ctx, from);
  if (src === null) {
    throw new StorageError('NOT_FOUND', `copy source ${JSON.stringify(from)} does not exist`, {
      details: { key: from },
    });
  }
  const ifNotExists = options.ifNotExists ?? false;
  if (ifNotExists && (await headRaw(ctx, to)) !== null) {
    throw new StorageError(
      'ALREADY_EXISTS',
      `copy destination ${JSON.stringify(to)} already exists: delete it first or drop ifNotExists`,
      {
        details: { key: to },
      },
    );
  }
  const info = await toFileInfo(ctx, from, src);
  if (from === to) return info;
  const hashed = storedSha256(src) !== null;
  await copyObjectRaw(ctx, {
    key: to,
    fromObjectKey: ctx.keys.toObjectKey(from),
    toObjectKey: ctx.keys.toObjectKey(to),
    size: info.size,
    ifNotExists,
    ...(hashed
      ? {}
      : {
          replace: {
            contentType: info.contentType,
            metadata: { ...(src.Metadata ?? {}), [SHA256_META]: info.sha256 },
          },
          ...(src.ETag ? { sourceETag: src.ETag } : {}),
        }),
  });
  const copied = await headRaw(ctx, to);
  return copied ? toFileInfo(ctx, to, copied) : { ...info, key: to };
}
