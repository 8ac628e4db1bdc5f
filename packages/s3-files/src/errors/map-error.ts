import { type ErrorCode, StorageError } from '@vpe-storage/core';

/** What the store was doing when an S3 call failed, for the message and the mapping. */
export interface ErrorContext {
  operation: string;
  key?: string;
  bucket: string;
  /** The caller asked for ifNotExists: a failed precondition means the object exists. */
  ifNotExists?: boolean;
  /** Strings that must never appear in a message (the secret key). */
  secrets?: readonly string[];
}

interface SdkErrorShape {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: unknown;
}

const NOT_FOUND = new Set(['NoSuchKey', 'NotFound', 'NoSuchUpload']);
const DENIED = new Set([
  'AccessDenied',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'InvalidToken',
  'AllAccessDisabled',
  'AccountProblem',
  'Forbidden',
]);
const THROTTLED = new Set([
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ServiceUnavailable',
  'InternalError',
  'RequestTimeout',
  'RequestTimeTooSkewed',
]);
const NETWORK = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
]);
const INVALID = new Set([
  'InvalidArgument',
  'InvalidRequest',
  'KeyTooLongError',
  'MetadataTooLarge',
  'EntityTooLarge',
  'EntityTooSmall',
  'InvalidRange',
  'InvalidPart',
  'InvalidPartOrder',
  'MalformedXML',
]);

function codeOf(e: SdkErrorShape, ctx: ErrorContext): { code: ErrorCode; hint: string } {
  const name = e.name ?? '';
  const status = e.$metadata?.httpStatusCode;
  const sysCode = e.code ?? '';
  if (name === 'PreconditionFailed' || status === 412) {
    return ctx.ifNotExists
      ? { code: 'ALREADY_EXISTS', hint: 'the object already exists; delete it first or drop ifNotExists' }
      : { code: 'CONFLICT', hint: 'the object changed meanwhile; retry' };
  }
  if (name === 'ConditionalRequestConflict' || status === 409) {
    return ctx.ifNotExists
      ? { code: 'ALREADY_EXISTS', hint: 'another writer is creating the same key' }
      : { code: 'CONFLICT', hint: 'a concurrent write conflicted; retry' };
  }
  if (name === 'NoSuchBucket') {
    return { code: 'UNAVAILABLE', hint: `bucket "${ctx.bucket}" does not exist: create it or fix the URL` };
  }
  if (NOT_FOUND.has(name) || status === 404) return { code: 'NOT_FOUND', hint: 'the object does not exist' };
  if (DENIED.has(name) || status === 403 || status === 401) {
    return { code: 'PERMISSION_DENIED', hint: 'check the credentials and the bucket policy' };
  }
  if (name === 'NotImplemented' || status === 501) {
    return { code: 'UNSUPPORTED', hint: 'this S3-compatible server does not implement the request' };
  }
  // Smithy renames ECONNRESET/EPIPE errors "TimeoutError" (to retry them): the code tells what happened.
  if (NETWORK.has(sysCode) && sysCode !== 'ETIMEDOUT') {
    return {
      code: 'UNAVAILABLE',
      hint: 'the connection to the S3 endpoint failed after retries; retry later',
    };
  }
  if (name === 'TimeoutError' || sysCode === 'ETIMEDOUT') {
    return { code: 'TIMEOUT', hint: 'the server did not answer in time; retry later' };
  }
  if (
    THROTTLED.has(name) ||
    (status !== undefined && status >= 500) ||
    NETWORK.has(sysCode) ||
    NETWORK.has(name)
  ) {
    return { code: 'UNAVAILABLE', hint: 'the S3 endpoint failed or throttled after retries; retry later' };
  }
  if (INVALID.has(name) || status === 400 || status === 416) {
    return { code: 'VALIDATION', hint: 'the request was rejected as invalid' };
  }
  if (name === 'AbortError') return { code: 'UNAVAILABLE', hint: 'the operation was aborted' };
  return { code: 'INTERNAL', hint: 'unexpected S3 error' };
}

function scrub(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of secrets) if (s.length > 0) out = out.split(s).join('***');
  return out;
}

/** Maps any error thrown by the SDK (or the network) to a StorageError with a stable code. */
export function toStorageError(err: unknown, ctx: ErrorContext): StorageError {
  if (err instanceof StorageError) return err;
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as SdkErrorShape;
  const { code, hint } = codeOf(e, ctx);
  const what =
    ctx.key === undefined ? `S3 ${ctx.operation}` : `S3 ${ctx.operation} of ${JSON.stringify(ctx.key)}`;
  const detail = scrub(`${e.name ?? 'Error'}${e.message ? `: ${e.message}` : ''}`, ctx.secrets);
  return new StorageError(code, `${what} failed (${detail}): ${hint}`, {
    cause: sanitizedCause(err, e, ctx.secrets),
    details: {
      operation: ctx.operation,
      bucket: ctx.bucket,
      ...(ctx.key === undefined ? {} : { key: ctx.key }),
      ...(e.$metadata?.httpStatusCode === undefined ? {} : { status: e.$metadata.httpStatusCode }),
    },
    ...(code === 'UNAVAILABLE' && e.name === 'NoSuchBucket' ? { retryable: false } : {}),
  });
}

// The SDK error keeps the raw HTTP exchange ($response, with the signed request headers): pass
// on only what explains the failure, so logging the cause cannot print request signatures.
function sanitizedCause(err: unknown, e: SdkErrorShape, secrets: readonly string[] | undefined): unknown {
  if (!(err instanceof Error) || !('$response' in err || '$metadata' in err)) return err;
  const cause = new Error(scrub(e.message ?? '', secrets));
  cause.name = e.name ?? 'Error';
  if (err.stack) cause.stack = scrub(err.stack, secrets);
  return Object.assign(cause, { ...(e.code ? { code: e.code } : {}), $metadata: e.$metadata });
}

/** True when the SDK error says the object or key is missing. */
export function isNotFound(err: unknown): boolean {
  const e = err as SdkErrorShape | null;
  return (
    !!e && (NOT_FOUND.has(e.name ?? '') || e.$metadata?.httpStatusCode === 404) && e.name !== 'NoSuchBucket'
  );
}
