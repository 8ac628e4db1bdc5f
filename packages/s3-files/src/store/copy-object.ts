import {
  AbortMultipartUploadCommand,
  type CompletedPart,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { type StoreContext, s3Call } from './context.js';

/** A server-side copy between two object keys of the store's bucket. */
export interface RawCopy {
  /** The store key reported in errors. */
  key: string;
  fromObjectKey: string;
  toObjectKey: string;
  size: number;
  ifNotExists: boolean;
  /** New content type and metadata (MetadataDirective REPLACE); omitted: copied from the source. */
  replace?: { contentType: string; metadata: Record<string, string> };
  /** Copy only if the source still has this ETag (CopySourceIfMatch); a changed source is CONFLICT. */
  sourceETag?: string;
}

// CopySource is "bucket/key" with the key URL-encoded (slashes kept).
function copySource(bucket: string, objectKey: string): string {
  return `${bucket}/${objectKey.split('/').map(encodeURIComponent).join('/')}`;
}

/** Copies server side: one CopyObject up to `copyMultipartThreshold`, multipart UploadPartCopy above. */
export async function copyObjectRaw(ctx: StoreContext, c: RawCopy): Promise<void> {
  if (c.size > ctx.options.copyMultipartThreshold) {
    await multipartCopy(ctx, c);
    return;
  }
  await s3Call(ctx, { operation: 'CopyObject', key: c.key, ifNotExists: c.ifNotExists }, () =>
    ctx.client.send(
      new CopyObjectCommand({
        Bucket: ctx.bucket,
        Key: c.toObjectKey,
        CopySource: copySource(ctx.bucket, c.fromObjectKey),
        ...(c.replace
          ? { MetadataDirective: 'REPLACE', ContentType: c.replace.contentType, Metadata: c.replace.metadata }
          : { MetadataDirective: 'COPY' }),
        ...(c.ifNotExists ? { IfNoneMatch: '*' } : {}),
        ...(c.sourceETag ? { CopySourceIfMatch: c.sourceETag } : {}),
      }),
    ),
  );
}

// Above 5 GiB S3 refuses CopyObject: copy ranges as parts of a multipart upload, which becomes
// visible only at CompleteMultipartUpload (atomic) and is aborted on any failure.
async function multipartCopy(ctx: StoreContext, c: RawCopy): Promise<void> {
  const what = { operation: 'UploadPartCopy', key: c.key, ifNotExists: c.ifNotExists };
  let replace = c.replace;
  if (!replace) {
    const src = await s3Call(ctx, what, () =>
      ctx.client.send(new HeadObjectCommand({ Bucket: ctx.bucket, Key: c.fromObjectKey })),
    );
    replace = { contentType: src.ContentType ?? 'application/octet-stream', metadata: src.Metadata ?? {} };
  }
  const created = await s3Call(ctx, what, () =>
    ctx.client.send(
      new CreateMultipartUploadCommand({
        Bucket: ctx.bucket,
        Key: c.toObjectKey,
        ContentType: replace.contentType,
        Metadata: replace.metadata,
      }),
    ),
  );
  const uploadId = created.UploadId;
  try {
    const partSize = Math.max(ctx.options.copyPartSize, Math.ceil(c.size / 10_000));
    const ranges: { start: number; end: number; n: number }[] = [];
    for (let start = 0, n = 1; start < c.size; start += partSize, n++) {
      ranges.push({ start, end: Math.min(start + partSize, c.size) - 1, n });
    }
    const parts: CompletedPart[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let r = ranges[next++]; r !== undefined; r = ranges[next++]) {
        const range = r;
        const out = await s3Call(ctx, what, () =>
          ctx.client.send(
            new UploadPartCopyCommand({
              Bucket: ctx.bucket,
              Key: c.toObjectKey,
              UploadId: uploadId,
              PartNumber: range.n,
              CopySource: copySource(ctx.bucket, c.fromObjectKey),
              CopySourceRange: `bytes=${range.start}-${range.end}`,
              ...(c.sourceETag ? { CopySourceIfMatch: c.sourceETag } : {}),
            }),
          ),
        );
        parts.push({ PartNumber: range.n, ETag: out.CopyPartResult?.ETag });
      }
    };
    await Promise.all(Array.from({ length: Math.min(ctx.options.uploadConcurrency, ranges.length) }, worker));
    parts.sort((a, b) => (a.PartNumber ?? 0) - (b.PartNumber ?? 0));
    await s3Call(ctx, { ...what, operation: 'CompleteMultipartUpload' }, () =>
      ctx.client.send(
        new CompleteMultipartUploadCommand({
          Bucket: ctx.bucket,
          Key: c.toObjectKey,
          UploadId: uploadId,
          MultipartUpload: { Parts: parts },
          ...(c.ifNotExists ? { IfNoneMatch: '*' } : {}),
        }),
      ),
    );
  } catch (err) {
    await ctx.client
      .send(new AbortMultipartUploadCommand({ Bucket: ctx.bucket, Key: c.toObjectKey, UploadId: uploadId }))
      .catch(() => {});
    throw err;
  }
}
