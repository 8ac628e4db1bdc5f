import type { FileBody } from '../../contracts/file-store.js';

/** The chunks of any FileBody as one async iterable of Uint8Array. */
export function bodyChunks(body: FileBody): AsyncIterable<Uint8Array> {
  if (body instanceof Uint8Array) {
    return (async function* () {
      yield body;
    })();
  }
  return body as AsyncIterable<Uint8Array>;
}
