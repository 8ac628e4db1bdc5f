// Bodies that fail or are aborted half-way leave nothing behind.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { isStorageError } from '../../errors/storage-error.js';
import { patternBytes } from '../assert.js';
import type { FileStoreCase } from '../types.js';
import { assertAbsent, assertStored, failingStream, listAllKeys, nsKey } from './helpers.js';

async function rejects(action: Promise<unknown>, label: string): Promise<unknown> {
  try {
    await action;
  } catch (err) {
    return err;
  }
  assert.fail(`${label}: put() resolved although its body failed`);
}

/** Failed and aborted writes. */
export const failureCases: FileStoreCase[] = [
  {
    name: 'failures: a body stream that errors mid-way rejects put and leaves nothing under the key',
    async run(ctx) {
      const key = nsKey(ctx, 'broken.bin');
      const failure = new Error('upload connection reset');
      const err = await rejects(
        ctx.store.put(key, failingStream(patternBytes(200_000, 91), 150_000, failure)),
        'erroring body',
      );
      assert.ok(
        err === failure || isStorageError(err) || (err as Error).cause === failure,
        `unexpected error ${String(err)}`,
      );
      await assertAbsent(ctx, key);
      assert.deepEqual(await listAllKeys(ctx.store, ctx.ns), [], 'nothing may be listed (no temp files)');
    },
  },
  {
    name: 'failures: a body stream that errors mid-way keeps the existing object',
    async run(ctx) {
      const key = nsKey(ctx, 'kept.bin');
      const old = patternBytes(50_000, 92);
      await ctx.store.put(key, old, { contentType: 'video/mp4' });
      await rejects(ctx.store.put(key, failingStream(patternBytes(200_000, 93), 120_000)), 'erroring body');
      await assertStored(ctx, key, old);
      assert.equal((await ctx.store.head(key))?.contentType, 'video/mp4');
    },
  },
  {
    name: 'failures: a body that errors before its first byte rejects put and stores nothing',
    async run(ctx) {
      const key = nsKey(ctx, 'dead.bin');
      const body = new Readable({
        read() {
          this.destroy(new Error('source unreadable'));
        },
      });
      await rejects(ctx.store.put(key, body), 'body failing at once');
      await assertAbsent(ctx, key);
    },
  },
  {
    name: 'failures: a put aborted by its AbortSignal mid-way rejects and stores nothing',
    async run(ctx) {
      const key = nsKey(ctx, 'aborted.bin');
      const old = nsKey(ctx, 'aborted-old.bin');
      await ctx.store.put(old, Buffer.from('previous'));
      const controller = new AbortController();
      const bytes = patternBytes(1024 * 1024, 94);
      const slow = (fail: boolean) =>
        Readable.from(
          (async function* () {
            for (let at = 0; at < bytes.length; at += 16_384) {
              if (fail && at === 16_384 * 8) controller.abort();
              yield bytes.subarray(at, at + 16_384);
              await new Promise((r) => setImmediate(r));
            }
          })(),
        );
      const err = await rejects(ctx.store.put(key, slow(true), { signal: controller.signal }), 'aborted put');
      assert.ok(
        (err as Error).name === 'AbortError' || isStorageError(err),
        `an aborted put must reject with an AbortError or a StorageError, got ${String(err)}`,
      );
      await assertAbsent(ctx, key);
      const again = new AbortController();
      again.abort();
      await rejects(
        ctx.store.put(old, slow(false), { signal: again.signal }),
        'put with an already aborted signal',
      );
      await assertStored(ctx, old, Buffer.from('previous'), 'object under an aborted overwrite');
    },
  },
];
