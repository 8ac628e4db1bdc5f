import assert from 'node:assert/strict';
import type { StorageCase, StorageCaseContext } from '../types.js';
import { nsId } from './builders.js';
import { ids, listAll } from './checks.js';
import { auditRecord, OLD, videoRecord } from './seeded.js';

// Ids that differ only in case or punctuation and share one timestamp: the id alone decides their
// order, and it must be code-unit order ('B' < 'a' < 'b', '-' < 'b') on every backend, never a
// linguistic collation of the database (which puts 'a' < 'B' and ignores punctuation).
const SUFFIXES = ['b', 'a', 'B', 'A-b', 'ab', 'a-c', '_z', 'Z'];

/** The ids of SUFFIXES in code-unit order. */
function codeUnitOrder(ctx: StorageCaseContext): string[] {
  return SUFFIXES.map((s) => nsId(ctx, s)).sort();
}

/** Cases of the text order of ids (ties of the sort value broken by id). */
export const collationCases: StorageCase[] = [
  {
    name: 'collation: videos sharing a createdAt are listed by id in code-unit order, paged alike',
    async run(ctx) {
      await ctx.storage.importRecords(SUFFIXES.map((s) => videoRecord(ctx, s, OLD)));
      const expected = codeUnitOrder(ctx);
      const listed = ids((await ctx.storage.videos.list()).items);
      assert.deepEqual(listed, expected);
      const at = (s: string) => listed.indexOf(nsId(ctx, s));
      assert.ok(at('B') < at('a') && at('a') < at('b'), "'B' < 'a' < 'b'");
      assert.deepEqual(
        ids(await listAll((p) => ctx.storage.videos.list(p), 1)),
        expected,
        'paged one by one',
      );
      assert.deepEqual(ids(await listAll((p) => ctx.storage.videos.list(p), 3)), expected, 'paged by three');
    },
  },
  {
    name: 'collation: audit entries sharing a time are listed by id in code-unit order, paged alike',
    async run(ctx) {
      await ctx.storage.importRecords([
        videoRecord(ctx, 'v-a'),
        ...SUFFIXES.map((s) => auditRecord(ctx, s, OLD)),
      ]);
      const expected = codeUnitOrder(ctx);
      assert.deepEqual(ids((await ctx.storage.audit.list()).items), expected);
      assert.deepEqual(ids(await listAll((p) => ctx.storage.audit.list({}, p), 2)), expected, 'paged by two');
    },
  },
];
