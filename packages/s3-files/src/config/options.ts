/** Credentials given explicitly instead of through the SDK's default chain. */
export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** Everything an {@link S3FileStore} needs; `createFileStore` builds it from a URL and FilesConfig. */
export interface S3FileStoreOptions {
  bucket: string;
  /** Key prefix inside the bucket ("" or ending in "/"): the store's root. */
  prefix?: string;
  /** Custom endpoint for S3-compatible stores (MinIO, R2, s3rver …); omit for AWS. */
  endpoint?: string;
  /** Region; defaults to the SDK chain, then "us-east-1". */
  region?: string;
  /** Path-style URLs (`endpoint/bucket/key`), needed by most S3-compatible stores. */
  forcePathStyle?: boolean;
  /** Explicit credentials; otherwise the SDK default chain (env, profile, instance role …). */
  credentials?: S3Credentials;
  /** Multipart part size in bytes (≥ 5 MiB). */
  partSize?: number;
  /** Parts uploaded in parallel. */
  uploadConcurrency?: number;
  /** Bodies larger than this go through a multipart upload to a temporary key; smaller ones are one PutObject. */
  multipartThreshold?: number;
  /** Largest object `put` accepts, in bytes. */
  maxFileSize?: number;
  /** Attempts per request, including the first (the SDK's standard retry strategy with backoff). */
  maxAttempts?: number;
  /** Copies larger than this use multipart UploadPartCopy (S3's single CopyObject stops at 5 GiB). */
  copyMultipartThreshold?: number;
  /** Part size of a multipart copy. */
  copyPartSize?: number;
  /**
   * Flexible checksums of the SDK. `WHEN_REQUIRED` (the default here) sends plain bodies: several
   * S3-compatible servers store the SDK's aws-chunked framing inside the object otherwise.
   */
  checksums?: 'WHEN_REQUIRED' | 'WHEN_SUPPORTED';
}

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

/** The options with every default filled in. */
export type ResolvedS3Options = Required<Omit<S3FileStoreOptions, 'endpoint' | 'region' | 'credentials'>> &
  Pick<S3FileStoreOptions, 'endpoint' | 'region' | 'credentials'>;

/** Fills in the defaults (the reference's: 16 MiB parts, 4 in parallel, 10 GiB max). */
export function resolveOptions(options: S3FileStoreOptions): ResolvedS3Options {
  const partSize = options.partSize ?? 16 * MiB;
  return {
    ...options,
    prefix: options.prefix ?? '',
    forcePathStyle: options.forcePathStyle ?? false,
    partSize,
    uploadConcurrency: options.uploadConcurrency ?? 4,
    multipartThreshold: options.multipartThreshold ?? partSize,
    maxFileSize: options.maxFileSize ?? 10 * GiB,
    maxAttempts: options.maxAttempts ?? 3,
    copyMultipartThreshold: options.copyMultipartThreshold ?? 5 * GiB,
    copyPartSize: options.copyPartSize ?? 512 * MiB,
    checksums: options.checksums ?? 'WHEN_REQUIRED',
  };
}
