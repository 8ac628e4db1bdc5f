// signedUrl without the capability, close, and persistence across instances.
import assert from 'node:assert/strict';
import { patternBytes, readAll, rejectsWithCode } from '../assert.js';
import type { FileStoreCase } from '../types.js';
import { nsKey, sha256Hex } from './helpers.js';

/** Lifecycle and capability switches. */
export const lifecycleCases: FileStoreCase[] = [
  {
    name: 'signedUrl: UNSUPPORTED without the capability, a URL string with it',
    async run(ctx) {
      const key = nsKey(ctx, 'url.bin');
      await ctx.store.put(key, Buffer.from('x'));
      if (ctx.store.capabilities.signedUrls) {
        assert.match(await ctx.store.signedUrl(key), /^https?:\/\//);
      } else {
        await rejectsWithCode(ctx.store.signedUrl(key), 'UNSUPPORTED');
      }
    },
  },
  {
    name: 'close: later calls reject with CLOSED, and close twice is harmless',
    async run(ctx) {
      const key = nsKey(ctx, 'closing.bin');
      await ctx.store.put(key, Buffer.from('x'));
      await ctx.store.close();
      await ctx.store.close();
      await rejectsWithCode(ctx.store.put(key, Buffer.from('y')), 'CLOSED', 'put');
      await rejectsWithCode(ctx.store.get(key), 'CLOSED', 'get');
      await rejectsWithCode(ctx.store.head(key), 'CLOSED', 'head');
      await rejectsWithCode(ctx.store.list({ prefix: ctx.ns }), 'CLOSED', 'list');
      await rejectsWithCode(ctx.store.delete(key), 'CLOSED', 'delete');
    },
  },
  {
    name: 'persistence: a second instance on the same data sees objects, content type and deletions',
    requires: ['persistent'],
    async run(ctx) {
      assert.ok(ctx.fixture.reopen, 'a persistent backend fixture must provide reopen()');
      const key = nsKey(ctx, 'kept/over.bin');
      const bytes = patternBytes(123_456, 95);
      await ctx.store.put(key, bytes, { contentType: 'video/webm' });
      await ctx.store.put(nsKey(ctx, 'gone.bin'), Buffer.from('x'));
      await ctx.store.delete(nsKey(ctx, 'gone.bin'));
      const other = await ctx.fixture.reopen();
      try {
        const head = await other.head(key);
        assert.equal(head?.sha256, sha256Hex(bytes));
        assert.equal(head?.contentType, 'video/webm');
        assert.ok((await readAll(await other.get(key))).equals(bytes));
        assert.equal(await other.exists(nsKey(ctx, 'gone.bin')), false);
        assert.deepEqual(
          (await other.list({ prefix: `${ctx.ns}/` })).items.map((e) => e.key),
          [key],
        );
      } finally {
        await other.close();
      }
    },
  },
];
