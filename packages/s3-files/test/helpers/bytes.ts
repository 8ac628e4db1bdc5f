import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';

/** Lowercase hex sha256 of `bytes`. */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Deterministic bytes that differ at every position (so a shifted or framed copy cannot match). */
export function pattern(size: number, seed = 1): Buffer {
  const out = Buffer.allocUnsafe(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** A Readable of `bytes` in odd-sized chunks (a real stream: no known length). */
export function streamOf(bytes: Buffer, chunk = 64 * 1024 + 3): Readable {
  return Readable.from(
    (function* () {
      for (let at = 0; at < bytes.length; at += chunk) yield bytes.subarray(at, at + chunk);
    })(),
  );
}
