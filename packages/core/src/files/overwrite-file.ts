import { randomFillSync } from 'node:crypto';
import { open } from 'node:fs/promises';
import { StorageError } from '../errors/storage-error.js';

/** Size of each random write. */
export const OVERWRITE_CHUNK_BYTES = 1024 * 1024;

/**
 * Overwrites a local file in place with random bytes, 1 MiB at a time, and fsyncs it; returns the bytes written, or null
 * when the file does not exist.
 * It does not unlink (the FileStore's own delete does, so its bookkeeping stays right).
 *
 * Best effort only: on SSDs (wear levelling), copy-on-write file systems (btrfs, ZFS, APFS), snapshots and
 * backups the old bytes may survive elsewhere. Real protection is encryption at rest with key shredding.
 */
export async function overwriteFile(path: string, passes = 1): Promise<number | null> {
  const handle = await open(path, 'r+').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw new StorageError(
      'PERMISSION_DENIED',
      `cannot open ${JSON.stringify(path)} to overwrite it: ${err.code}`,
      {
        cause: err,
      },
    );
  });
  if (!handle) return null;
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new StorageError('VALIDATION', `not a regular file: ${JSON.stringify(path)}`);
    // Another name for the same inode would be silently destroyed too: refuse, the caller decides.
    if (stat.nlink > 1) {
      throw new StorageError(
        'CONFLICT',
        `${JSON.stringify(path)} has ${stat.nlink} hard links; overwriting would change the other names too: remove them first`,
        { details: { nlink: stat.nlink } },
      );
    }
    const buffer = Buffer.allocUnsafe(Math.min(OVERWRITE_CHUNK_BYTES, Math.max(stat.size, 1)));
    let written = 0;
    for (let pass = 0; pass < passes; pass++) {
      for (let position = 0; position < stat.size; position += buffer.length) {
        const length = Math.min(buffer.length, stat.size - position);
        randomFillSync(buffer, 0, length);
        await handle.write(buffer, 0, length, position);
        written += length;
      }
      await handle.sync();
    }
    return written;
  } finally {
    await handle.close();
  }
}
