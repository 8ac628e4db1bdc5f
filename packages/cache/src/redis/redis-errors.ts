import { isStorageError, StorageError } from '@vpe-storage/core';

/**
 * Maps a Redis failure to `UNAVAILABLE` (StorageErrors pass through). The message names the
 * redacted URL and never the password, even when the driver's own message would carry it.
 */
export function toStorageError(
  err: unknown,
  safeUrl: string,
  password: string,
  action: string,
): StorageError {
  if (isStorageError(err)) return err;
  const e = err as { code?: unknown; message?: unknown; name?: unknown };
  const code = typeof e?.code === 'string' ? e.code : undefined;
  let reason = typeof e?.message === 'string' && e.message !== '' ? e.message : String(err);
  if (password !== '') reason = reason.replaceAll(password, '***');
  return new StorageError(
    'UNAVAILABLE',
    `Redis at ${safeUrl} failed to ${action} (${reason}): check that Redis is running and that cache.url is right`,
    { cause: err, details: { url: safeUrl, ...(code ? { driverCode: code } : {}) }, retryable: true },
  );
}
