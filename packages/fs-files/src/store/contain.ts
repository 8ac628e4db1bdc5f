// Keys never escape the root: core validates their syntax; this refuses symlinks that lead outside.
import { lstat, realpath } from 'node:fs/promises';
import { dirname, sep } from 'node:path';
import { StorageError } from '@vpe-storage/core';
import { errnoOf } from '../disk/map-fs-error.js';

function escapeError(key: string): StorageError {
  return new StorageError(
    'PERMISSION_DENIED',
    `key ${JSON.stringify(key)} leads through a symbolic link out of the store's root: remove the link or use another key`,
    { details: { key } },
  );
}

/** Whether `path` is `root` or inside it. */
export function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root + sep);
}

/**
 * Checks that the deepest existing folder on the way to `path` resolves (through any links) inside
 * `realObjects`; `PERMISSION_DENIED` otherwise. Missing folders are fine: put creates them.
 */
export async function assertParentInside(realObjects: string, path: string, key: string): Promise<void> {
  let dir = dirname(path);
  for (;;) {
    try {
      const real = await realpath(dir);
      if (!isInside(realObjects, real)) throw escapeError(key);
      return;
    } catch (err) {
      const errno = errnoOf(err);
      if (errno !== 'ENOENT' && errno !== 'ENOTDIR') throw err;
      if (errno === 'ENOTDIR') return; // an object sits where a folder should be: the write reports CONFLICT
      const up = dirname(dir);
      if (up === dir) throw escapeError(key);
      dir = up;
    }
  }
}

/** `lstat` of the object file, refusing a symlink in its place; null when nothing is there. */
export async function lstatObject(path: string, key: string) {
  try {
    const st = await lstat(path);
    if (st.isSymbolicLink()) throw escapeError(key);
    return st;
  } catch (err) {
    const errno = errnoOf(err);
    if (errno === 'ENOENT' || errno === 'ENOTDIR') return null;
    throw err;
  }
}
