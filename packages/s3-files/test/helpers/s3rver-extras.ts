// Koa middleware put in front of s3rver's routes for the S3 behaviour s3rver 3.7 lacks:
// ListObjectsV2 with working continuation tokens, ListMultipartUploads (optional), AbortMultipartUpload, UploadPartCopy and
// conditional writes (If-None-Match: *). It also records every request, for assertions.
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { KeyLock } from './key-lock.js';
import { type ListingStore, listObjectsV2Xml } from './list-objects-v2.js';
import { listUploadsXml } from './list-uploads.js';

const require = createRequire(import.meta.url);
const S3Error = require('s3rver/lib/models/error.js') as new (
  code: string,
  message?: string,
  detail?: Record<string, unknown>,
) => Error;

/** The bits of a Koa context the middleware uses. */
export interface KoaContext {
  method: string;
  path: string;
  query: Record<string, string | undefined>;
  headers: Record<string, string | undefined>;
  status: number;
  body: unknown;
  type: string;
}
/** A Koa middleware. */
export type Middleware = (ctx: KoaContext, next: () => Promise<void>) => Promise<void>;

/** The bits of s3rver's store the middleware uses. */
export interface ExtrasStore extends ListingStore {
  putPart(bucket: string, uploadId: string, partNumber: number, content: Readable): Promise<{ md5: string }>;
  existsObject(bucket: string, key: string): Promise<boolean>;
  getResourcePath(bucket: string, key: string | undefined, resource: string): string;
}

function splitPath(path: string): { bucket: string; key: string } | null {
  const match = /^\/([^/]+)\/(.+)$/.exec(path);
  if (!match) return null;
  return { bucket: decodeURIComponent(match[1] ?? ''), key: decodeURIComponent(match[2] ?? '') };
}

/** The middleware; `requests` receives "METHOD /path?query-names" for every request. */
export function s3rverExtras(
  store: ExtrasStore,
  requests: string[],
  options: { listUploads: boolean } = { listUploads: true },
): Middleware {
  const conditional = new KeyLock();
  return async (ctx, next) => {
    requests.push(`${ctx.method} ${ctx.path}?${Object.keys(ctx.query).sort().join('&')}`);
    const bucketOnly = /^\/([^/]+)\/?$/.exec(ctx.path);
    if (ctx.method === 'GET' && bucketOnly && ctx.query['list-type'] === '2') {
      const bucket = decodeURIComponent(bucketOnly[1] ?? '');
      const body = await listObjectsV2Xml(store, bucket, ctx.query);
      if (body === null)
        throw new S3Error('NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket });
      ctx.type = 'application/xml';
      ctx.body = body;
      return;
    }
    if (ctx.method === 'GET' && bucketOnly && ctx.query.uploads !== undefined && options.listUploads) {
      // ListMultipartUploads
      const bucket = decodeURIComponent(bucketOnly[1] ?? '');
      const dir = store.getResourcePath(bucket, undefined, 'uploads');
      ctx.type = 'application/xml';
      ctx.body = await listUploadsXml(bucket, dir, ctx.query.prefix ?? '');
      return;
    }
    const target = splitPath(ctx.path);
    if (!target) return next();
    const uploadId = ctx.query.uploadId;
    if (ctx.method === 'DELETE' && uploadId !== undefined) {
      // AbortMultipartUpload
      await rm(join(store.getResourcePath(target.bucket, undefined, 'uploads'), uploadId), {
        recursive: true,
        force: true,
      });
      ctx.status = 204;
      ctx.body = '';
      return;
    }
    const copySource = ctx.headers['x-amz-copy-source'];
    if (ctx.method === 'PUT' && uploadId !== undefined && copySource !== undefined) {
      // UploadPartCopy
      const source = splitPath(`/${decodeURIComponent(copySource).replace(/^\//, '')}`);
      const range = /^bytes=(\d+)-(\d+)$/.exec(ctx.headers['x-amz-copy-source-range'] ?? '');
      if (!source || !(await store.existsObject(source.bucket, source.key))) {
        throw new S3Error('NoSuchKey', 'The specified key does not exist.');
      }
      const path = store.getResourcePath(source.bucket, source.key, 'object');
      const content = createReadStream(path, range ? { start: Number(range[1]), end: Number(range[2]) } : {});
      const { md5 } = await store.putPart(target.bucket, uploadId, Number(ctx.query.partNumber), content);
      ctx.type = 'application/xml';
      ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<CopyPartResult><LastModified>${new Date().toISOString()}</LastModified><ETag>&quot;${md5}&quot;</ETag></CopyPartResult>`;
      return;
    }
    const writes =
      (ctx.method === 'PUT' && uploadId === undefined) || (ctx.method === 'POST' && uploadId !== undefined);
    if (writes && ctx.headers['if-none-match'] === '*') {
      // Conditional writes of one key are serialized, so exactly one of racing writers wins.
      await conditional.run(`${target.bucket}/${target.key}`, async () => {
        if (await store.existsObject(target.bucket, target.key)) {
          throw new S3Error(
            'PreconditionFailed',
            'At least one of the pre-conditions you specified did not hold',
            {
              Condition: 'If-None-Match',
            },
          );
        }
        await next();
      });
      return;
    }
    return next();
  };
}
