import { createReadStream } from 'node:fs';
import type { FileBody } from '../contracts/file-store.js';
import type { FileSource } from '../files/types.js';

/** A FileStore body for a source: a path is opened as a stream, anything else is already a body. */
export function openSource(source: FileSource): FileBody {
  return typeof source === 'string' ? createReadStream(source) : source;
}

/** The same bytes as `source`, still streamed, reporting the running byte count as they pass. */
export function withProgress(
  source: FileSource,
  onProgress: (bytes: number) => void,
): AsyncIterable<Uint8Array> {
  const body = openSource(source);
  return (async function* () {
    if (body instanceof Uint8Array) {
      yield body;
      onProgress(body.length);
      return;
    }
    let total = 0;
    for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      total += bytes.length;
      onProgress(total);
      yield bytes;
    }
  })();
}
