import { type ErrorCode, isStorageError } from '@vpe-storage/core';
import { CommanderError } from 'commander';

/** Exit codes of the `vpe-storage` command. */
export const EXIT = {
  OK: 0,
  /** Any other failure, and `check` finding problems. */
  FAILURE: 1,
  /** Bad usage or invalid input (`VALIDATION`). */
  USAGE: 2,
  /** An id or file that does not exist (`NOT_FOUND`). */
  NOT_FOUND: 3,
} as const;

/** The exit code for an error code. */
export function exitCodeOf(code: ErrorCode): number {
  if (code === 'VALIDATION') return EXIT.USAGE;
  if (code === 'NOT_FOUND') return EXIT.NOT_FOUND;
  return EXIT.FAILURE;
}

/** The code and one-line message of any error the CLI may meet. */
export function describeError(err: unknown): { code: ErrorCode; message: string } {
  if (isStorageError(err)) return { code: err.code, message: err.message };
  if (err instanceof CommanderError) {
    return { code: 'VALIDATION', message: `${err.message.replace(/^error: /, '')} (see --help)` };
  }
  const sys = err as NodeJS.ErrnoException;
  if (sys?.code === 'ENOENT' && sys.path) return { code: 'NOT_FOUND', message: `${sys.path} does not exist` };
  if (sys?.code === 'EACCES' && sys.path)
    return { code: 'PERMISSION_DENIED', message: `no permission to access ${sys.path}` };
  return { code: 'INTERNAL', message: err instanceof Error ? err.message : String(err) };
}

/** `error: <code>: <message>` on one line (newlines in messages are folded). */
export function errorLine(err: unknown): string {
  const { code, message } = describeError(err);
  return `error: ${code}: ${message.replace(/\s*\n\s*/g, ' ')}`;
}
