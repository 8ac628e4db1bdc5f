/** The stable error codes every backend maps its failures to. */
export const ERROR_CODES = [
  'NOT_FOUND',
  'ALREADY_EXISTS',
  'VALIDATION',
  'CONSTRAINT',
  'CONFLICT',
  'INTEGRITY',
  'UNAVAILABLE',
  'PERMISSION_DENIED',
  'CORRUPT_BACKUP',
  'UNSUPPORTED',
  'TIMEOUT',
  'NO_SPACE',
  'CLOSED',
  'INTERNAL',
] as const;

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];
