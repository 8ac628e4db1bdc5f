// Validation of FileStore call options, shared by every backend so they refuse the same input the same way.
import { z } from 'zod';
import type { ByteRange, FileInfo, PutOptions } from '../../contracts/file-store.js';
import { parseOrThrow } from '../../errors/from-zod.js';
import { StorageError } from '../../errors/storage-error.js';

/** Content type stored when `put` is given none. */
export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

const PutOptionsSchema = z.object({
  contentType: z.string().min(1).max(255).optional(),
  metadata: z
    .record(
      z.string().regex(/^[a-z0-9][a-z0-9._-]{0,127}$/, 'metadata keys must be lowercase ASCII'),
      z.string().max(2048),
    )
    .optional(),
  ifNotExists: z.boolean().optional(),
  expectedSha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'expectedSha256 must be 64 hex digits')
    .transform((s) => s.toLowerCase())
    .optional(),
  maxSize: z.number().int().nonnegative().optional(),
});

/** The checked options of a `put`, with the defaults filled in. */
export interface CheckedPutOptions {
  contentType: string;
  metadata: Record<string, string>;
  ifNotExists: boolean;
  expectedSha256: string | undefined;
  maxSize: number;
}

/** Validates `put` options (`VALIDATION` on bad input) and fills the defaults. */
export function checkPutOptions(options: PutOptions | undefined): CheckedPutOptions {
  const { onProgress: _p, signal: _s, ...plain } = options ?? {};
  const parsed = parseOrThrow(PutOptionsSchema, plain, 'put options');
  return {
    contentType: parsed.contentType ?? DEFAULT_CONTENT_TYPE,
    metadata: { ...(parsed.metadata ?? {}) },
    ifNotExists: parsed.ifNotExists ?? false,
    expectedSha256: parsed.expectedSha256,
    maxSize: parsed.maxSize ?? Number.POSITIVE_INFINITY,
  };
}

/** The `VALIDATION` error of a body larger than `maxSize`. */
export function tooLargeError(key: string, maxSize: number): StorageError {
  return new StorageError(
    'VALIDATION',
    `body of ${JSON.stringify(key)} is larger than maxSize ${maxSize} bytes: nothing was stored; send a smaller file or raise maxSize`,
    { details: { key, maxSize } },
  );
}

/** The `INTEGRITY` error of a body whose sha256 is not the expected one. */
export function checksumMismatchError(key: string, expected: string, actual: string): StorageError {
  return new StorageError(
    'INTEGRITY',
    `body of ${JSON.stringify(key)} hashes to sha256 ${actual}, not the expected ${expected}: nothing was stored; resend the file`,
    { details: { key, expected, actual } },
  );
}

/** The `ALREADY_EXISTS` error of a write with `ifNotExists` onto an existing key. */
export function alreadyExistsError(key: string): StorageError {
  return new StorageError(
    'ALREADY_EXISTS',
    `file ${JSON.stringify(key)} already exists: pick another key or drop ifNotExists`,
    {
      details: { key },
    },
  );
}

/** The `NOT_FOUND` error of a missing object. */
export function fileNotFoundError(key: string): StorageError {
  return new StorageError('NOT_FOUND', `file ${JSON.stringify(key)} does not exist`, {
    details: { entity: 'file', key },
  });
}

/** The `CLOSED` error of a call on a closed store. */
export function storeClosedError(kind: string): StorageError {
  return new StorageError('CLOSED', `the ${kind} file store is closed: open a new one`);
}

/** The `UNSUPPORTED` error of `signedUrl` on a backend without signed URLs. */
export function signedUrlUnsupportedError(kind: string): StorageError {
  return new StorageError(
    'UNSUPPORTED',
    `the ${kind} file store has no signed URLs: stream the file through get() instead`,
  );
}

/**
 * Checks a byte range against an object of `size` bytes; returns inclusive `[start, end]`
 * (an `end` past the last byte is clamped, as in HTTP). `VALIDATION` when unsatisfiable.
 */
export function checkByteRange(key: string, range: ByteRange, size: number): { start: number; end: number } {
  const { start, end } = range;
  const bad = (why: string) =>
    new StorageError('VALIDATION', `invalid range of ${JSON.stringify(key)} (${size} bytes): ${why}`, {
      details: { key, size, start, end },
    });
  if (!Number.isSafeInteger(start) || start < 0) throw bad('start must be an integer ≥ 0');
  if (end !== undefined && (!Number.isSafeInteger(end) || end < start))
    throw bad('end must be an integer ≥ start');
  if (start >= size) throw bad('start is beyond the last byte');
  return { start, end: Math.min(end ?? size - 1, size - 1) };
}

/** A deep copy of a FileInfo, so callers cannot change what a store holds. */
export function copyInfo(info: FileInfo): FileInfo {
  return { ...info, metadata: { ...info.metadata } };
}

/** The last key of a decoded list cursor; `VALIDATION` when the cursor holds something else. */
export function cursorKey(position: unknown[]): string {
  const key = position[0];
  if (typeof key !== 'string') {
    throw new StorageError(
      'VALIDATION',
      'invalid page cursor: pass the nextCursor of a previous list() page',
    );
  }
  return key;
}
