import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';

/** Chunk size of every file read and write of the store (1 MiB copies twice as fast as 64 KiB). */
export const CHUNK = 1024 * 1024;

/** sha256 (hex) of an open file, read in 1 MiB chunks from the start. */
export async function hashFile(fh: FileHandle): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  const buf = Buffer.allocUnsafe(CHUNK);
  let size = 0;
  for (;;) {
    const { bytesRead } = await fh.read(buf, 0, CHUNK, size);
    if (bytesRead === 0) break;
    hash.update(buf.subarray(0, bytesRead));
    size += bytesRead;
  }
  return { sha256: hash.digest('hex'), size };
}
