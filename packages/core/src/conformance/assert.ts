import assert from 'node:assert/strict';
import type { Readable } from 'node:stream';
import type { ErrorCode } from '../errors/codes.js';
import { isStorageError, type StorageError } from '../errors/storage-error.js';

/** Asserts that `action` rejects with a StorageError of `code`; returns the error. */
export async function rejectsWithCode(
  action: Promise<unknown> | (() => Promise<unknown>),
  code: ErrorCode,
  message?: string,
): Promise<StorageError> {
  let caught: unknown;
  try {
    await (typeof action === 'function' ? action() : action);
  } catch (err) {
    caught = err;
  }
  const label = message ? `${message}: ` : '';
  assert.ok(caught !== undefined, `${label}expected a StorageError ${code}, but the call succeeded`);
  assert.ok(
    isStorageError(caught),
    `${label}expected a StorageError ${code}, got ${caught instanceof Error ? `${caught.name}: ${caught.message}` : String(caught)}`,
  );
  assert.equal(caught.code, code, `${label}expected code ${code}, got ${caught.code} (${caught.message})`);
  return caught;
}

/** Reads a whole stream into one buffer (test data only: never for real files). */
export async function readAll(stream: Readable | AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** Deterministic pseudo-random bytes (xorshift), so large test bodies need no storage. */
export function patternBytes(size: number, seed = 1): Buffer {
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

/** Sleeps for `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
