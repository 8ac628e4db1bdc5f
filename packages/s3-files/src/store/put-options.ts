import { type PutOptions, StorageError } from '@vpe-storage/core';

const SHA256_HEX = /^[0-9a-f]{64}$/i;

/** The checked options of a put: the expected hash in lowercase and the effective size limit. */
export interface CheckedPut {
  expectedSha256: string | null;
  maxSize: number;
  contentType: string;
}

/** Validates put options before any byte is read; `VALIDATION` on a malformed one. */
export function checkPutOptions(options: PutOptions, maxFileSize: number): CheckedPut {
  const { expectedSha256, maxSize, contentType } = options;
  if (
    expectedSha256 !== undefined &&
    (typeof expectedSha256 !== 'string' || !SHA256_HEX.test(expectedSha256))
  ) {
    throw new StorageError(
      'VALIDATION',
      'invalid expectedSha256: pass 64 hex digits (the sha256 of the body)',
    );
  }
  if (maxSize !== undefined && (!Number.isSafeInteger(maxSize) || maxSize < 0)) {
    throw new StorageError(
      'VALIDATION',
      `invalid maxSize ${String(maxSize)}: pass a non-negative integer of bytes`,
    );
  }
  if (
    contentType !== undefined &&
    (typeof contentType !== 'string' || !/^[\x20-\x7e]{1,255}$/.test(contentType))
  ) {
    throw new StorageError(
      'VALIDATION',
      'invalid contentType: pass a printable ASCII media type such as "video/mp4"',
    );
  }
  return {
    expectedSha256: expectedSha256?.toLowerCase() ?? null,
    maxSize: Math.min(maxSize ?? Number.POSITIVE_INFINITY, maxFileSize),
    contentType: contentType ?? 'application/octet-stream',
  };
}

/** The `INTEGRITY` error of a body whose hash is not the expected one. */
export function integrityError(key: string, expected: string, actual: string): StorageError {
  return new StorageError(
    'INTEGRITY',
    `put of ${JSON.stringify(key)} refused: the body hashes to ${actual}, not the expected ${expected}; nothing was stored`,
    { details: { key, expected, actual } },
  );
}

/** The error a put rejects with once its signal has fired. */
export function abortError(signal: AbortSignal): unknown {
  return signal.reason instanceof Error
    ? signal.reason
    : new StorageError('UNAVAILABLE', 'the put was aborted by its signal');
}
