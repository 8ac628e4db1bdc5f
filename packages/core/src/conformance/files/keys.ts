// Invalid keys are refused by every method; unicode and long keys work.
import assert from 'node:assert/strict';
import { isStorageError } from '../../errors/storage-error.js';
import { rejectsWithCode } from '../assert.js';
import type { FileStoreCase, FileStoreCaseContext } from '../types.js';
import { assertStored, listAllKeys, nsKey } from './helpers.js';

/** Keys that must be refused with VALIDATION by every backend (`{ns}` is replaced by the case namespace). */
export const INVALID_KEYS: readonly string[] = [
  '',
  '..',
  '.',
  '{ns}/..',
  '{ns}/../escape',
  '{ns}/a/../../escape',
  '{ns}/./a',
  '../{ns}/x',
  '%2e%2e/{ns}',
  '{ns}/%2e%2e/x',
  '{ns}/%2E%2E%2Fx',
  '{ns}/a%2fb',
  '{ns}/a%5cb',
  '/etc/passwd',
  '/{ns}/x',
  '{ns}\\..\\x',
  '{ns}/a\\b',
  '{ns}/nul\u0000byte',
  '{ns}/new\nline',
  '{ns}/tab\there',
  'C:/windows/{ns}',
  'c:{ns}',
  '{ns}//double',
  '{ns}/trailing/',
  '{ns}/\uff0e\uff0e/x',
  '{ns}/\u2024\u2024/x',
  '{ns}/a\uff0fb',
  '{ns}/\ufe52\ufe52/x',
  '{ns}/a\uff3cb',
  `{ns}/${'x'.repeat(256)}`,
  `{ns}/${'y/'.repeat(520)}z`,
];

function invalidKeys(ctx: FileStoreCaseContext): string[] {
  return INVALID_KEYS.map((k) => k.replaceAll('{ns}', ctx.ns));
}

/** Key validation and unusual valid keys. */
export const keyCases: FileStoreCase[] = [
  {
    name: `keys: ${INVALID_KEYS.length} invalid keys are refused with VALIDATION by put, get, head, exists, delete, copy, move`,
    async run(ctx) {
      const good = nsKey(ctx, 'good.bin');
      await ctx.store.put(good, Buffer.from('ok'));
      for (const key of invalidKeys(ctx)) {
        const label = JSON.stringify(key).slice(0, 60);
        await rejectsWithCode(ctx.store.put(key, Buffer.from('evil')), 'VALIDATION', `put ${label}`);
        await rejectsWithCode(ctx.store.get(key), 'VALIDATION', `get ${label}`);
        await rejectsWithCode(ctx.store.head(key), 'VALIDATION', `head ${label}`);
        await rejectsWithCode(ctx.store.exists(key), 'VALIDATION', `exists ${label}`);
        await rejectsWithCode(ctx.store.delete(key), 'VALIDATION', `delete ${label}`);
        await rejectsWithCode(ctx.store.copy(good, key), 'VALIDATION', `copy to ${label}`);
        await rejectsWithCode(ctx.store.copy(key, good), 'VALIDATION', `copy from ${label}`);
        await rejectsWithCode(ctx.store.move(good, key), 'VALIDATION', `move to ${label}`);
        await rejectsWithCode(ctx.store.move(key, good), 'VALIDATION', `move from ${label}`);
      }
      assert.deepEqual(
        await listAllKeys(ctx.store, ''),
        [good],
        'only the one good key may exist in the store',
      );
      await assertStored(ctx, good, Buffer.from('ok'));
    },
  },
  {
    name: 'keys: invalid list prefixes are refused with VALIDATION',
    async run(ctx) {
      for (const prefix of [
        '..',
        '../',
        `${ctx.ns}/../`,
        '/abs',
        'a\\b',
        'a\u0000',
        `${ctx.ns}//`,
        '%2e%2e/',
      ]) {
        await rejectsWithCode(
          ctx.store.list({ prefix }),
          'VALIDATION',
          `list prefix ${JSON.stringify(prefix)}`,
        );
      }
    },
  },
  {
    name: 'keys: unicode keys (NFC and NFD, CJK, emoji, spaces) round trip and list exactly as given',
    async run(ctx) {
      const names = [
        'caf\u00e9.mp4',
        'cafe\u0301/clip.mp4',
        '日本語/動画.mp4',
        'emoji 🎬/scene #1.json',
        'Ünïcödé ~!@$&()+,;=[]{}.txt',
      ];
      const keys = names.map((n) => nsKey(ctx, n));
      for (const k of keys) await ctx.store.put(k, Buffer.from(k, 'utf8'));
      for (const k of keys) await assertStored(ctx, k, Buffer.from(k, 'utf8'), JSON.stringify(k));
      const listed = await listAllKeys(ctx.store, `${ctx.ns}/`);
      assert.deepEqual([...listed].sort(), [...keys].sort(), 'list() must return each key exactly as stored');
      for (const k of keys) assert.equal((await ctx.store.head(k))?.key, k);
    },
  },
  {
    name: 'keys: the longest valid keys (255-byte segment, 1024-byte key) work',
    async run(ctx) {
      const longSegment = nsKey(ctx, 's'.repeat(255));
      const parts: string[] = [];
      let key = ctx.ns;
      while (Buffer.byteLength(key) + 103 <= 1024) {
        const seg = 'd'.repeat(100);
        parts.push(seg);
        key = `${key}/${seg}`;
      }
      key = `${key}/${'f'.repeat(1024 - Buffer.byteLength(key) - 1)}`;
      assert.equal(Buffer.byteLength(key), 1024);
      for (const k of [longSegment, key]) {
        await ctx.store.put(k, Buffer.from('long'));
        await assertStored(ctx, k, Buffer.from('long'), `${Buffer.byteLength(k)}-byte key`);
      }
      await rejectsWithCode(ctx.store.put(`${key}x`, Buffer.from('too long')), 'VALIDATION', '1025-byte key');
    },
  },
  {
    name: 'keys: a key that is also the folder of other keys either coexists or is refused with CONFLICT',
    async run(ctx) {
      const parent = nsKey(ctx, 'node');
      const child = nsKey(ctx, 'node/leaf');
      await ctx.store.put(child, Buffer.from('child'));
      let refused = false;
      try {
        await ctx.store.put(parent, Buffer.from('parent'));
      } catch (err) {
        assert.ok(isStorageError(err, 'CONFLICT'), `expected CONFLICT, got ${String(err)}`);
        refused = true;
      }
      await assertStored(ctx, child, Buffer.from('child'), 'the deeper key');
      if (!refused) await assertStored(ctx, parent, Buffer.from('parent'), 'the folder key');
      else assert.equal(await ctx.store.exists(parent), false);
    },
  },
];
