import { S3Client } from '@aws-sdk/client-s3';
import type { ResolvedS3Options } from '../config/options.js';

/**
 * An S3Client for the store: the SDK's standard retry strategy (exponential backoff with jitter on
 * 5xx, throttling and dropped connections) and plain request bodies.
 */
export function createS3Client(o: ResolvedS3Options): S3Client {
  return new S3Client({
    region: o.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
    ...(o.endpoint === undefined ? {} : { endpoint: o.endpoint }),
    forcePathStyle: o.forcePathStyle,
    ...(o.credentials === undefined ? {} : { credentials: o.credentials }),
    maxAttempts: o.maxAttempts,
    retryMode: 'standard',
    // With the SDK default (WHEN_SUPPORTED) streamed bodies go out aws-chunked with a trailing
    // checksum; s3rver (and older MinIO/R2 setups) store the framing bytes inside the object.
    requestChecksumCalculation: o.checksums,
    responseChecksumValidation: o.checksums,
  });
}
