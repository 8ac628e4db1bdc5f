import { type ErrorCode, StorageError } from '@vpe-storage/core';

/** The parts of a driver error the mapping needs. */
export interface DriverErrorInfo {
  /** The driver's code: `SQLITE_CONSTRAINT_FOREIGNKEY`, `23503`, `ECONNREFUSED` … */
  code: string;
  message: string;
}

/** One entry of a driver-code table: the StorageError code, whether retrying may help, and what to do. */
export interface DriverErrorRule {
  code: ErrorCode;
  retryable?: boolean;
  /** What the caller should do, appended to the message. */
  hint: string;
}

/** Driver codes → rules. A code is looked up exactly, then by each shorter `_`-separated prefix. */
export type DriverErrorTable = Readonly<Record<string, DriverErrorRule>>;

/** Finds the rule of a driver code: exact match first, then its prefixes (`SQLITE_BUSY_SNAPSHOT` → `SQLITE_BUSY`). */
export function findRule(table: DriverErrorTable, code: string): DriverErrorRule | undefined {
  let key = code;
  for (;;) {
    const rule = table[key];
    if (rule) return rule;
    const cut = key.lastIndexOf('_');
    if (cut <= 0) return undefined;
    key = key.slice(0, cut);
  }
}

/**
 * Turns anything a driver throws into a StorageError: StorageErrors pass through, known driver codes map
 * through `table`, everything else becomes `INTERNAL`. `extract` reads the adapter's driver errors.
 */
export function mapDriverError(
  err: unknown,
  table: DriverErrorTable,
  extract: (err: unknown) => DriverErrorInfo | null,
  context?: string,
): StorageError {
  if (err instanceof StorageError) return err;
  const info = extract(err);
  const where = context ? `${context}: ` : '';
  if (!info) {
    const message = err instanceof Error ? err.message : String(err);
    return new StorageError('INTERNAL', `${where}${message}`, { cause: err });
  }
  const rule = findRule(table, info.code);
  if (!rule) {
    return new StorageError('INTERNAL', `${where}${info.message} (${info.code})`, {
      cause: err,
      details: { driverCode: info.code },
    });
  }
  return new StorageError(rule.code, `${where}${info.message}: ${rule.hint}`, {
    cause: err,
    details: { driverCode: info.code },
    ...(rule.retryable === undefined ? {} : { retryable: rule.retryable }),
  });
}
