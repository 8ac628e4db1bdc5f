import { createHash, type Hash } from 'node:crypto';
import { Readable } from 'node:stream';
import { StorageError } from '@vpe-storage/core';

/** Counts and hashes bytes as they pass, refusing more than `maxSize`. */
export class ByteMeter {
  readonly #hash: Hash = createHash('sha256');
  #digest: string | undefined;
  size = 0;
  /** The error the body source itself failed with, if any (passed to the caller unchanged). */
  sourceError: unknown = undefined;
  /** Our own refusal of the body (too large, wrong hash), once raised. */
  refusal: StorageError | undefined = undefined;

  constructor(
    private readonly maxSize: number,
    private readonly onProgress?: (bytes: number) => void,
  ) {}

  /** Accounts for one chunk; throws `VALIDATION` once the total passes the limit. */
  add(chunk: Buffer): void {
    this.size += chunk.length;
    if (this.size > this.maxSize) {
      throw this.refuse(
        new StorageError(
          'VALIDATION',
          `body too large: more than ${this.maxSize} bytes; raise maxSize or send less`,
          {
            details: { maxSize: this.maxSize },
          },
        ),
      );
    }
    this.#hash.update(chunk);
    this.onProgress?.(this.size);
  }

  /** Records `error` as the reason the body is refused and returns it (to throw). */
  refuse(error: StorageError): StorageError {
    this.refusal ??= error;
    return error;
  }

  /** Lowercase hex sha256 of everything added (the hash is final after the first call). */
  digest(): string {
    this.#digest ??= this.#hash.digest('hex');
    return this.#digest;
  }
}

/**
 * A Readable that yields `head` (already metered) and then the rest of `rest`, metering each chunk.
 * `atEnd` runs once the source is exhausted, before the stream ends: throwing there (like a meter
 * or source error) destroys the stream, which fails and aborts the upload reading it before it
 * can complete.
 */
export function meteredStream(
  head: Buffer[],
  rest: AsyncIterator<Buffer>,
  meter: ByteMeter,
  atEnd?: () => void,
): Readable {
  async function* generate(): AsyncGenerator<Buffer> {
    yield* head;
    for (;;) {
      let next: IteratorResult<Buffer>;
      try {
        next = await rest.next();
      } catch (err) {
        meter.sourceError = err;
        throw err;
      }
      if (next.done) break;
      meter.add(next.value);
      yield next.value;
    }
    atEnd?.();
  }
  return Readable.from(generate(), { objectMode: false, highWaterMark: 1024 * 1024 });
}
