// Small tools the FileStore cases share: hashing, bodies of every shape, and "nothing is stored" checks.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FileStore, GetOptions } from '../../contracts/file-store.js';
import { readAll, rejectsWithCode } from '../assert.js';
import type { FileStoreCaseContext } from '../types.js';

/** Lowercase hex sha256 of `bytes`, computed by node:crypto (the reference every store is checked against). */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A key inside the case's namespace. */
export function nsKey(ctx: FileStoreCaseContext, rest: string): string {
  return `${ctx.ns}/${rest}`;
}

/** A Readable that yields `bytes` in chunks of `chunkSize` (odd sizes shake out chunk-boundary bugs). */
export function chunkedStream(bytes: Uint8Array, chunkSize = 64 * 1024 + 7): Readable {
  return Readable.from(
    (function* () {
      for (let at = 0; at < bytes.length; at += chunkSize)
        yield Buffer.from(bytes.subarray(at, at + chunkSize));
    })(),
  );
}

/** A Readable that yields `bytes` up to `failAfter`, then errors with `error`. */
export function failingStream(
  bytes: Uint8Array,
  failAfter: number,
  error = new Error('client went away'),
): Readable {
  return Readable.from(
    (async function* () {
      for (let at = 0; at < failAfter; at += 4096) {
        yield Buffer.from(bytes.subarray(at, Math.min(at + 4096, failAfter)));
        await new Promise((r) => setImmediate(r));
      }
      throw error;
    })(),
  );
}

/** The whole object (or a range) as one buffer. */
export async function getBytes(store: FileStore, key: string, options?: GetOptions): Promise<Buffer> {
  return readAll(await store.get(key, options));
}

/** Asserts that the object holds exactly `expected`: through get, head, and the raw reader when there is one. */
export async function assertStored(
  ctx: FileStoreCaseContext,
  key: string,
  expected: Uint8Array,
  label = key,
): Promise<void> {
  const got = await getBytes(ctx.store, key);
  assert.equal(
    got.length,
    expected.length,
    `${label}: get() returned ${got.length} bytes, expected ${expected.length}`,
  );
  assert.ok(got.equals(Buffer.from(expected)), `${label}: get() returned different bytes`);
  const info = await ctx.store.head(key);
  assert.ok(info, `${label}: head() returned null for a stored object`);
  assert.equal(info.size, expected.length, `${label}: head().size`);
  assert.equal(info.sha256, sha256Hex(expected), `${label}: head().sha256`);
  if (ctx.raw) {
    const raw = await ctx.raw.readBytes(key);
    assert.ok(raw, `${label}: nothing persisted (raw reader)`);
    assert.ok(
      Buffer.from(raw).equals(Buffer.from(expected)),
      `${label}: persisted bytes differ (raw reader)`,
    );
  }
}

/** Asserts that nothing at all is visible under `key`: exists, head, get, list and the raw reader agree. */
export async function assertAbsent(ctx: FileStoreCaseContext, key: string, label = key): Promise<void> {
  assert.equal(await ctx.store.exists(key), false, `${label}: exists() is true`);
  assert.equal(await ctx.store.head(key), null, `${label}: head() is not null`);
  await rejectsWithCode(ctx.store.get(key), 'NOT_FOUND', `${label}: get()`);
  const page = await ctx.store.list({ prefix: key, limit: 10 });
  assert.ok(!page.items.some((e) => e.key === key), `${label}: list() shows the key`);
  if (ctx.raw) assert.equal(await ctx.raw.readBytes(key), null, `${label}: bytes persisted (raw reader)`);
}

/** Every key under `prefix`, following cursors (fails on a loop). */
export async function listAllKeys(store: FileStore, prefix: string, limit = 1000): Promise<string[]> {
  const keys: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 10_000; pages++) {
    const page = await store.list({ prefix, limit, cursor });
    assert.ok(page.items.length <= limit, `list() returned ${page.items.length} items for limit ${limit}`);
    keys.push(...page.items.map((e) => e.key));
    cursor = page.nextCursor;
    if (cursor === null) return keys;
  }
  assert.fail('list() never returned a null nextCursor');
}
