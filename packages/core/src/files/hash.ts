import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';

/** Lowercase hex sha256 of bytes in memory. */
export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Lowercase hex sha256 and size of a stream, read in chunks (never buffered whole). */
export async function hashStream(
  stream: Readable | AsyncIterable<Uint8Array>,
): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Uint8Array>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest('hex'), size };
}

/** sha256 and size of a local file. */
export function hashFile(path: string): Promise<{ sha256: string; size: number }> {
  return hashStream(createReadStream(path));
}

/** A pass-through of `body` that hashes and counts what flows through it. */
export function tapHash(body: AsyncIterable<Uint8Array>): {
  body: AsyncIterable<Uint8Array>;
  result: () => { sha256: string; size: number };
} {
  const hash: Hash = createHash('sha256');
  let size = 0;
  let digest: string | null = null;
  async function* tapped(): AsyncGenerator<Uint8Array> {
    for await (const chunk of body) {
      hash.update(chunk);
      size += chunk.length;
      yield chunk;
    }
  }
  return {
    body: tapped(),
    result: () => {
      digest ??= hash.digest('hex');
      return { sha256: digest, size };
    },
  };
}
