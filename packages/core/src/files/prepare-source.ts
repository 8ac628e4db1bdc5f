import { sha256Of } from './hash.js';
import { describeLocalFile, readHead, statSource, tooLarge } from './local-source.js';
import { peekBody } from './peek.js';
import type { FileSource } from './types.js';
import { SNIFF_BYTES } from './video-container.js';
import type { PreparedBody } from './write-verified.js';

/** Options of {@link prepareSource}. */
export interface PrepareOptions<T> {
  maxSize: number;
  /** Looks at the first bytes (up to `SNIFF_BYTES`); throwing refuses the source before it is read further. */
  inspect: (head: Uint8Array) => Promise<T>;
  /** Runs after `inspect`, before a local file is hashed (e.g. refuse a key that exists). */
  beforeHash?: (inspected: T) => Promise<void>;
}

/** Bytes in memory, hashed now. */
export function inMemoryBody(bytes: Uint8Array): PreparedBody {
  return { kind: 'known', sha256: sha256Of(bytes), size: bytes.length, open: () => bytes };
}

/**
 * Turns a path, bytes or a stream into a {@link PreparedBody} after checking its first bytes: a path is stat'ed
 * (size) and hashed; bytes are hashed; a stream is only peeked (its head re-prepended), never buffered.
 */
export async function prepareSource<T>(
  source: FileSource,
  options: PrepareOptions<T>,
): Promise<{ body: PreparedBody; inspected: T }> {
  if (typeof source === 'string') {
    await statSource(source, options.maxSize);
    const inspected = await options.inspect(await readHead(source, SNIFF_BYTES));
    await options.beforeHash?.(inspected);
    const file = await describeLocalFile(source);
    if (file.size > options.maxSize) throw tooLarge(file.size, options.maxSize); // grew since the stat
    return { body: { kind: 'known', ...file }, inspected };
  }
  if (source instanceof Uint8Array) {
    if (source.length > options.maxSize) throw tooLarge(source.length, options.maxSize);
    const inspected = await options.inspect(source.subarray(0, SNIFF_BYTES));
    return { body: inMemoryBody(source), inspected };
  }
  const peeked = await peekBody(source as AsyncIterable<Uint8Array>, SNIFF_BYTES);
  try {
    return { body: { kind: 'stream', body: peeked.body }, inspected: await options.inspect(peeked.head) };
  } catch (err) {
    await peeked.discard();
    throw err;
  }
}
