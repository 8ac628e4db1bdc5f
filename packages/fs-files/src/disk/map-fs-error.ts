// Node file-system errors → StorageError codes, so callers never see a raw errno.
import { type ErrorCode, isStorageError, StorageError } from '@vpe-storage/core';

const CODES: Record<string, { code: ErrorCode; hint: string }> = {
  ENOENT: { code: 'NOT_FOUND', hint: 'it does not exist' },
  EEXIST: { code: 'ALREADY_EXISTS', hint: 'it already exists' },
  ENOSPC: { code: 'NO_SPACE', hint: 'the disk is full; free space or move the store to a bigger disk' },
  EFBIG: {
    code: 'NO_SPACE',
    hint: 'the file is larger than the system allows (ulimit -f or file-system limit)',
  },
  EDQUOT: { code: 'NO_SPACE', hint: 'the disk quota is used up; free space or raise the quota' },
  EACCES: {
    code: 'PERMISSION_DENIED',
    hint: 'the process may not access it; check the folder owner and mode',
  },
  EPERM: {
    code: 'PERMISSION_DENIED',
    hint: 'the operation is not permitted; check the folder owner and mode',
  },
  EROFS: { code: 'PERMISSION_DENIED', hint: 'the file system is read-only' },
  ELOOP: {
    code: 'PERMISSION_DENIED',
    hint: 'a symbolic link is in the way; the store does not follow links',
  },
  ENOTDIR: { code: 'CONFLICT', hint: 'a part of the key is an object, not a folder' },
  EISDIR: { code: 'CONFLICT', hint: 'the key is a folder of other keys' },
  ENOTEMPTY: { code: 'CONFLICT', hint: 'the key is a folder of other keys' },
  ENAMETOOLONG: { code: 'VALIDATION', hint: 'the path is too long for this file system; use a shorter key' },
  EMFILE: { code: 'UNAVAILABLE', hint: 'too many open files; retry or raise ulimit -n' },
  ENFILE: { code: 'UNAVAILABLE', hint: 'too many open files on the system; retry later' },
  EBUSY: { code: 'UNAVAILABLE', hint: 'the file is busy; retry later' },
  EAGAIN: { code: 'UNAVAILABLE', hint: 'the resource is temporarily unavailable; retry' },
  EIO: { code: 'INTERNAL', hint: 'the disk reported an I/O error; check the disk' },
};

/** Whether `err` came from a file-system call (as opposed to the caller's body stream). */
export function isFsError(err: unknown): err is NodeJS.ErrnoException {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).syscall === 'string';
}

/** Turns a file-system error into a StorageError naming the key and operation; other errors pass through. */
export function mapFsError(err: unknown, op: string, key: string): unknown {
  if (isStorageError(err) || !isFsError(err)) return err;
  const errno = err.code ?? 'UNKNOWN';
  const known = CODES[errno];
  const code = known?.code ?? 'INTERNAL';
  return new StorageError(
    code,
    `${op} ${JSON.stringify(key)} failed: ${known?.hint ?? err.message} (${errno})`,
    {
      cause: err,
      details: { key, op, errno },
    },
  );
}

/** The errno code of an error, if any. */
export function errnoOf(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}
