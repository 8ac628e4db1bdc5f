// Streams a body into a fresh temp file with 1 MiB chunks, hashing and counting as it goes, then syncs it once.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, type Stats } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FileBody } from '@vpe-storage/core';
import { tooLargeError } from '@vpe-storage/core';
import { CHUNK } from './hash-file.js';

/** A temp file holding a complete body. */
export interface TempFile {
  path: string;
  size: number;
  sha256: string;
  stats: Stats;
}

/** Options of {@link writeTemp}. */
export interface WriteTempOptions {
  key: string;
  maxSize: number;
  durable: boolean;
  onProgress?: ((bytesWritten: number) => void) | undefined;
  signal?: AbortSignal | undefined;
}

/** A new temp file name in `tempDir`: random, so it can never collide with another write or a key. */
export function tempName(tempDir: string, suffix = '.tmp'): string {
  return join(tempDir, `${randomBytes(12).toString('hex')}${suffix}`);
}

/** Writes `body` to a new temp file; on any failure the temp file is removed and the error rethrown. */
export async function writeTemp(
  tempDir: string,
  body: FileBody,
  options: WriteTempOptions,
): Promise<TempFile> {
  const path = tempName(tempDir);
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    highWaterMark: CHUNK,
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > options.maxSize) return done(tooLargeError(options.key, options.maxSize));
      hash.update(chunk);
      options.onProgress?.(size);
      done(null, chunk);
    },
  });
  try {
    const source = body instanceof Uint8Array ? [body] : body;
    const sink = createWriteStream(path, { flags: 'wx', highWaterMark: CHUNK });
    await pipeline(source as AsyncIterable<Uint8Array>, meter, sink, { signal: options.signal });
    const stats = await syncTemp(path, options.durable);
    return { path, size, sha256: hash.digest('hex'), stats };
  } catch (err) {
    await rm(path, { force: true });
    throw err;
  }
}

/**
 * One explicit datasync of the complete temp file (when `durable`), then its stats. Explicit on purpose:
 * createWriteStream's `flush` option only exists from Node 20.10 and older versions silently ignore it.
 */
export async function syncTemp(path: string, durable: boolean): Promise<Stats> {
  const fh = await open(path, 'r+');
  try {
    if (durable) await fh.datasync();
    return await fh.stat();
  } finally {
    await fh.close();
  }
}
