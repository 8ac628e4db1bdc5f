import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { StorageError } from '../errors/storage-error.js';
import { hashFile } from './hash.js';

/** Size of a local source file; `NOT_FOUND` when missing, `VALIDATION` when not a file or over `maxSize`. */
export async function statSource(path: string, maxSize: number): Promise<number> {
  const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT')
      throw new StorageError('NOT_FOUND', `source file ${JSON.stringify(path)} does not exist`);
    throw new StorageError(
      'PERMISSION_DENIED',
      `cannot read source file ${JSON.stringify(path)}: ${err.code}`,
      { cause: err },
    );
  });
  if (!info.isFile())
    throw new StorageError('VALIDATION', `source ${JSON.stringify(path)} is not a regular file`);
  if (info.size > maxSize) throw tooLarge(info.size, maxSize);
  return info.size;
}

/** The `VALIDATION` error of a file over the size limit. */
export function tooLarge(size: number, maxSize: number): StorageError {
  return new StorageError(
    'VALIDATION',
    `file is ${size} bytes, over the limit of ${maxSize} bytes (files.maxFileSize): store a smaller file or raise the limit`,
    { details: { size, maxSize } },
  );
}

/** The first `length` bytes of a local file (fewer when it is shorter). */
export async function readHead(path: string, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** A local file described for a verified write: hashed first, reopened as a stream when written. */
export async function describeLocalFile(
  path: string,
): Promise<{ sha256: string; size: number; open: () => NodeJS.ReadableStream }> {
  const { sha256, size } = await hashFile(path);
  return { sha256, size, open: () => createReadStream(path) };
}
