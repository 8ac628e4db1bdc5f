// ListObjectsV2 for the test s3rver. s3rver 3.7 encrypts continuation tokens with DES, which the
// OpenSSL 3 of Node ≥ 17 refuses, so every truncated listing fails with a 500. This handler answers
// list-type=2 itself, from the (S3-ordered) store listing, with plain base64url tokens.

/** The part of the store the handler needs. */
export interface ListingStore {
  getBucket(bucket: string): Promise<unknown>;
  listObjects(
    bucket: string,
    options: { prefix?: string; startAfter?: string; maxKeys?: number; delimiter?: string },
  ): Promise<{
    objects: { key: string; size: number; lastModifiedDate: Date; metadata: Record<string, string> }[];
    commonPrefixes: string[];
    isTruncated: boolean;
  }>;
}

function xml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The XML answer of one ListObjectsV2 request; null when the bucket does not exist. */
export async function listObjectsV2Xml(
  store: ListingStore,
  bucket: string,
  query: Record<string, string | undefined>,
): Promise<string | null> {
  if (!(await store.getBucket(bucket))) return null;
  const prefix = query.prefix ?? '';
  const maxKeys = Math.min(1000, Number(query['max-keys'] ?? 1000));
  const token = query['continuation-token'];
  const startAfter = token ? Buffer.from(token, 'base64url').toString('utf8') : (query['start-after'] ?? '');
  const result = await store.listObjects(bucket, {
    prefix,
    startAfter,
    maxKeys,
    delimiter: query.delimiter ?? '',
  });
  const last = result.objects[result.objects.length - 1];
  const contents = result.objects
    .map(
      (o) =>
        `<Contents><Key>${xml(o.key)}</Key><LastModified>${o.lastModifiedDate.toISOString()}</LastModified>` +
        `<ETag>${xml(o.metadata.etag ?? '')}</ETag><Size>${o.size}</Size><StorageClass>STANDARD</StorageClass></Contents>`,
    )
    .join('');
  const prefixes = result.commonPrefixes
    .map((p) => `<CommonPrefixes><Prefix>${xml(p)}</Prefix></CommonPrefixes>`)
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
    `<Name>${xml(bucket)}</Name><Prefix>${xml(prefix)}</Prefix><KeyCount>${result.objects.length}</KeyCount>` +
    `<MaxKeys>${maxKeys}</MaxKeys><IsTruncated>${result.isTruncated}</IsTruncated>` +
    (token ? `<ContinuationToken>${xml(token)}</ContinuationToken>` : '') +
    (result.isTruncated && last
      ? `<NextContinuationToken>${Buffer.from(last.key).toString('base64url')}</NextContinuationToken>`
      : '') +
    `${contents}${prefixes}</ListBucketResult>`
  );
}
