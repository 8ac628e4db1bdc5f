import type { ErrorCode } from './codes.js';

/** A single problem found while validating input (path into the value, and a message). */
export interface ValidationIssue {
  path: (string | number)[];
  message: string;
}

/** Options of a {@link StorageError}. */
export interface StorageErrorOptions {
  cause?: unknown;
  /** Validation problems, for `VALIDATION` errors. */
  issues?: ValidationIssue[];
  /** Extra machine-readable details (entity, id, key, constraint name …). Never credentials. */
  details?: Record<string, unknown>;
  /** Whether retrying the same call may succeed (connection lost, busy, throttled). */
  retryable?: boolean;
}

/** The one error class of vpe-storage: every backend throws it with a stable `code`. */
export class StorageError extends Error {
  readonly code: ErrorCode;
  readonly issues: ValidationIssue[];
  readonly details: Record<string, unknown>;
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, options: StorageErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StorageError';
    this.code = code;
    this.issues = options.issues ?? [];
    this.details = options.details ?? {};
    this.retryable = options.retryable ?? (code === 'UNAVAILABLE' || code === 'TIMEOUT');
  }

  /** A plain object for logs and `--json` output. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      ...(this.issues.length > 0 ? { issues: this.issues } : {}),
      ...(Object.keys(this.details).length > 0 ? { details: this.details } : {}),
    };
  }
}

/** True when `err` is a {@link StorageError}, optionally with the given code. */
export function isStorageError(err: unknown, code?: ErrorCode): err is StorageError {
  return err instanceof StorageError && (code === undefined || err.code === code);
}

/** Shorthand for a `NOT_FOUND` error naming the entity and id. */
export function notFound(entity: string, id: string): StorageError {
  return new StorageError('NOT_FOUND', `${entity} ${JSON.stringify(id)} does not exist`, {
    details: { entity, id },
  });
}
