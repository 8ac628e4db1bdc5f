import type { FileBody } from '../contracts/file-store.js';

/** The first bytes of a body, and the whole body (those bytes re-prepended) still as a stream. */
export interface PeekedBody {
  head: Buffer;
  body: AsyncIterable<Uint8Array>;
  /** Releases the source when the body will not be consumed (e.g. the input was refused). */
  discard(): Promise<void>;
}

function toIterator(body: FileBody): AsyncIterator<Uint8Array> {
  if (body instanceof Uint8Array) {
    return (async function* () {
      yield body;
    })();
  }
  return (body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
}

/**
 * Reads at least `size` bytes (fewer only at the end of the body) without buffering the rest:
 * a 10 GB stream stays a stream, only its head sits in memory.
 */
export async function peekBody(source: FileBody, size: number): Promise<PeekedBody> {
  const iterator = toIterator(source);
  const chunks: Buffer[] = [];
  let length = 0;
  let done = false;
  while (length < size) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    chunks.push(chunk);
    length += chunk.length;
  }
  const whole = Buffer.concat(chunks);
  async function* body(): AsyncGenerator<Uint8Array> {
    if (whole.length > 0) yield whole;
    if (done) return;
    while (true) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return {
    head: whole.subarray(0, size),
    body: body(),
    discard: async () => {
      if (!done) await iterator.return?.();
    },
  };
}
