import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';

/** Lowercase hex sha256 of `bytes`. */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Deterministic bytes that differ at every position (the conformance suite's `patternBytes`). */
export { patternBytes as pattern } from '@vpe-storage/core/conformance';

/** A Readable of `bytes` in odd-sized chunks (a real stream: no known length). */
export function streamOf(bytes: Buffer, chunk = 64 * 1024 + 3): Readable {
  return Readable.from(
    (function* () {
      for (let at = 0; at < bytes.length; at += chunk) yield bytes.subarray(at, at + chunk);
    })(),
  );
}
