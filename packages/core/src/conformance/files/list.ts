// list: prefix, order, pagination, cursors.
import assert from 'node:assert/strict';
import { rejectsWithCode } from '../assert.js';
import type { FileStoreCase } from '../types.js';
import { listAllKeys, nsKey } from './helpers.js';

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Listing. */
export const listCases: FileStoreCase[] = [
  {
    name: 'list: only keys with the prefix, ascending, with size and lastModified',
    async run(ctx) {
      const keys = ['b/2.bin', 'a/1.bin', 'b/1.bin', 'c.bin'].map((k) => nsKey(ctx, k));
      for (const [i, k] of keys.entries()) await ctx.store.put(k, Buffer.alloc(i + 1, 7));
      await ctx.store.put(`${ctx.ns}x/outside.bin`, Buffer.from('x'));
      const page = await ctx.store.list({ prefix: `${ctx.ns}/` });
      assert.deepEqual(
        page.items.map((e) => e.key),
        [...keys].sort(byCodeUnit),
      );
      assert.equal(page.nextCursor, null);
      const b1 = page.items.find((e) => e.key === nsKey(ctx, 'b/1.bin'));
      assert.equal(b1?.size, 3);
      assert.ok(b1 && Number.isFinite(Date.parse(b1.lastModified)), 'lastModified must be an ISO time');
      const onlyB = await ctx.store.list({ prefix: nsKey(ctx, 'b/') });
      assert.deepEqual(
        onlyB.items.map((e) => e.key),
        [nsKey(ctx, 'b/1.bin'), nsKey(ctx, 'b/2.bin')],
      );
    },
  },
  {
    name: 'list: ascending code-unit order across folders ("a-b" < "a.b" < "a/b" < "a0" < "aB" < "ab" < "é")',
    async run(ctx) {
      const names = ['ab', 'a/b', 'a0', 'aB', 'a-b', 'a.b', 'a/a/z', 'é', 'a/b0', 'a/ba'];
      for (const n of names) await ctx.store.put(nsKey(ctx, n), Buffer.from(n));
      const expected = names.map((n) => nsKey(ctx, n)).sort(byCodeUnit);
      assert.deepEqual(await listAllKeys(ctx.store, `${ctx.ns}/`), expected, 'one page');
      assert.deepEqual(await listAllKeys(ctx.store, `${ctx.ns}/`, 3), expected, 'pages of 3');
    },
  },
  {
    name: 'list: 25 keys in pages of 7: four pages, nothing lost or repeated, stable order',
    async run(ctx) {
      const keys = Array.from({ length: 25 }, (_, i) =>
        nsKey(ctx, `p/${String(i).padStart(2, '0')}/f${i % 3}.bin`),
      );
      await Promise.all(keys.map((k) => ctx.store.put(k, Buffer.from(k))));
      const sizes: number[] = [];
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof ctx.store.list>> = await ctx.store.list({
          prefix: nsKey(ctx, 'p/'),
          limit: 7,
          cursor,
        });
        sizes.push(page.items.length);
        seen.push(...page.items.map((e) => e.key));
        cursor = page.nextCursor;
      } while (cursor !== null && sizes.length < 10);
      assert.deepEqual(sizes, [7, 7, 7, 4]);
      assert.deepEqual(seen, [...keys].sort(byCodeUnit));
      assert.deepEqual(
        await listAllKeys(ctx.store, nsKey(ctx, 'p/'), 7),
        seen,
        'a second walk gives the same order',
      );
    },
  },
  {
    name: 'list: a page boundary followed by writes neither loses nor repeats keys',
    async run(ctx) {
      for (const n of ['k1', 'k3', 'k5', 'k7']) await ctx.store.put(nsKey(ctx, n), Buffer.from(n));
      const first = await ctx.store.list({ prefix: `${ctx.ns}/`, limit: 2 });
      assert.deepEqual(
        first.items.map((e) => e.key),
        [nsKey(ctx, 'k1'), nsKey(ctx, 'k3')],
      );
      await ctx.store.put(nsKey(ctx, 'k2'), Buffer.from('before the cursor'));
      await ctx.store.put(nsKey(ctx, 'k4'), Buffer.from('after the cursor'));
      await ctx.store.delete(nsKey(ctx, 'k3'));
      const rest = await ctx.store.list({ prefix: `${ctx.ns}/`, cursor: first.nextCursor });
      assert.deepEqual(
        rest.items.map((e) => e.key),
        ['k4', 'k5', 'k7'].map((n) => nsKey(ctx, n)),
      );
    },
  },
  {
    name: 'list: a prefix that is not a folder boundary matches partial names and deeper keys',
    async run(ctx) {
      // No key is both an object and a folder here: a local disk cannot hold "ab" and "ab/x" at once.
      const all = ['ab', 'abc', 'ab2/x', 'abd/y/z', 'ac/x', 'a', 'aa', 'b'].map((n) => nsKey(ctx, n));
      for (const k of all) await ctx.store.put(k, Buffer.from('1'));
      assert.deepEqual(
        await listAllKeys(ctx.store, nsKey(ctx, 'ab')),
        ['ab', 'ab2/x', 'abc', 'abd/y/z'].map((n) => nsKey(ctx, n)),
      );
      assert.deepEqual(await listAllKeys(ctx.store, nsKey(ctx, 'ab2/')), [nsKey(ctx, 'ab2/x')]);
      assert.deepEqual(await listAllKeys(ctx.store, nsKey(ctx, 'abd/')), [nsKey(ctx, 'abd/y/z')]);
      assert.deepEqual(await listAllKeys(ctx.store, nsKey(ctx, 'abd/y/')), [nsKey(ctx, 'abd/y/z')]);
      assert.deepEqual(await listAllKeys(ctx.store, nsKey(ctx, 'zz')), []);
    },
  },
  {
    name: 'list: deleted and moved keys disappear from the listing',
    async run(ctx) {
      for (const n of ['d/1', 'd/2', 'd/3']) await ctx.store.put(nsKey(ctx, n), Buffer.from(n));
      await ctx.store.delete(nsKey(ctx, 'd/2'));
      await ctx.store.move(nsKey(ctx, 'd/3'), nsKey(ctx, 'e/3'));
      assert.deepEqual(
        await listAllKeys(ctx.store, `${ctx.ns}/`),
        ['d/1', 'e/3'].map((n) => nsKey(ctx, n)),
      );
    },
  },
  {
    name: 'list: a malformed cursor or limit rejects with VALIDATION',
    async run(ctx) {
      await ctx.store.put(nsKey(ctx, 'one'), Buffer.from('1'));
      await rejectsWithCode(
        ctx.store.list({ prefix: ctx.ns, cursor: 'not a cursor!' }),
        'VALIDATION',
        'garbage cursor',
      );
      await rejectsWithCode(
        ctx.store.list({ prefix: ctx.ns, cursor: 'e30' }),
        'VALIDATION',
        'base64url of "{}"',
      );
      await rejectsWithCode(ctx.store.list({ prefix: ctx.ns, limit: 0 }), 'VALIDATION', 'limit 0');
      await rejectsWithCode(ctx.store.list({ prefix: ctx.ns, limit: 1.5 }), 'VALIDATION', 'limit 1.5');
      await rejectsWithCode(ctx.store.list({ prefix: ctx.ns, limit: 10_001 }), 'VALIDATION', 'limit 10001');
    },
  },
];
