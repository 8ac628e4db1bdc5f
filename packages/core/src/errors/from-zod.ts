import type { z } from 'zod';
import { StorageError } from './storage-error.js';

/** Turns a zod error into a `VALIDATION` StorageError naming the first problem. */
export function validationError(what: string, error: z.ZodError): StorageError {
  const issues = error.issues.map((i) => ({
    path: i.path.filter((p): p is string | number => typeof p !== 'symbol'),
    message: i.message,
  }));
  const first = issues[0];
  const where = first && first.path.length > 0 ? `${first.path.join('.')}: ` : '';
  return new StorageError('VALIDATION', `invalid ${what}: ${where}${first?.message ?? 'rejected'}`, {
    issues,
  });
}

/** Parses `value` with `schema`, throwing a `VALIDATION` StorageError on failure. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(what, result.error);
  return result.data;
}
