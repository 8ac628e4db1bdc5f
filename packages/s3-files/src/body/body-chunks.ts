import type { FileBody } from '@vpe-storage/core';
import { StorageError } from '@vpe-storage/core';
import type { ByteMeter } from './hashing-stream.js';

/** The body as an async iterator of Buffers, whatever form it came in. */
export function bodyChunks(body: FileBody): AsyncIterator<Buffer> {
  if (body instanceof Uint8Array) {
    const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
    return (async function* () {
      if (bytes.length > 0) yield bytes;
    })();
  }
  if (body === null || typeof body !== 'object' || !(Symbol.asyncIterator in body)) {
    throw new StorageError(
      'VALIDATION',
      'invalid body: pass a Readable, an async iterable of Uint8Array or a Uint8Array',
    );
  }
  const source = body as AsyncIterable<unknown>;
  return (async function* () {
    for await (const chunk of source) {
      if (typeof chunk === 'string') yield Buffer.from(chunk, 'utf8');
      else if (chunk instanceof Uint8Array)
        yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      else throw new StorageError('VALIDATION', 'invalid body: chunks must be Uint8Array (or strings)');
    }
  })();
}

/** The first bytes of a body, read up to a limit, and whether the body ended within it. */
export interface BodyHead {
  chunks: Buffer[];
  size: number;
  ended: boolean;
}

/** Reads and meters chunks until more than `limit` bytes have arrived or the body ends (memory ≤ limit + one chunk). */
export async function readHead(
  chunks: AsyncIterator<Buffer>,
  limit: number,
  meter: ByteMeter,
): Promise<BodyHead> {
  const head: Buffer[] = [];
  let size = 0;
  while (size <= limit) {
    const next = await chunks.next();
    if (next.done) return { chunks: head, size, ended: true };
    meter.add(next.value);
    head.push(next.value);
    size += next.value.length;
  }
  return { chunks: head, size, ended: false };
}
