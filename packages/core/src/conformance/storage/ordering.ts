import assert from 'node:assert/strict';
import type { StorageCase, StorageCaseContext } from '../types.js';
import { nsId } from './builders.js';
import { ids, listAll } from './checks.js';
import { at, auditRecord, jobRecord, modelRecord, timelineRecord, videoRecord } from './seeded.js';

// Records imported with chosen timestamps: the order a list must follow no longer depends on the
// clock, so "createdAt before id" is checked even on a fast machine where every row shares one millisecond.

/** Ids ascending, timestamps descending: an order by id alone is the exact reverse of the right one. */
async function importReversed(ctx: StorageCaseContext): Promise<void> {
  await ctx.storage.importRecords([
    videoRecord(ctx, 'v-a', at(30)),
    videoRecord(ctx, 'v-b', at(20)),
    videoRecord(ctx, 'v-c', at(10)),
    timelineRecord(ctx, 't-a', 1, at(40)),
    timelineRecord(ctx, 't-b', 1, at(35)),
    timelineRecord(ctx, 't-b', 2, at(50)),
    jobRecord(ctx, 'j-a', at(59)),
    jobRecord(ctx, 'j-b', at(58)),
    jobRecord(ctx, 'j-c', at(57)),
    modelRecord(ctx, 'm-a', at(45)),
    modelRecord(ctx, 'm-b', at(44)),
    modelRecord(ctx, 'm-c', at(43)),
    auditRecord(ctx, 'e-a', at(55)),
    auditRecord(ctx, 'e-b', at(54)),
    auditRecord(ctx, 'e-c', at(53)),
  ]);
}

/** Cases of orderings by timestamp, independent of the clock. */
export const orderingCases: StorageCase[] = [
  {
    name: 'ordering: videos are listed by createdAt before id',
    async run(ctx) {
      await importReversed(ctx);
      assert.deepEqual(
        ids((await ctx.storage.videos.list()).items),
        ['v-c', 'v-b', 'v-a'].map((s) => nsId(ctx, s)),
      );
      const paged = await listAll((p) => ctx.storage.videos.list(p), 1);
      assert.deepEqual(
        ids(paged),
        ['v-c', 'v-b', 'v-a'].map((s) => nsId(ctx, s)),
        'paged one by one',
      );
    },
  },
  {
    name: 'ordering: claimNext takes the oldest createdAt, not the smallest id',
    async run(ctx) {
      await importReversed(ctx);
      const order = [];
      for (let i = 0; i < 4; i++) order.push((await ctx.storage.jobs.claimNext(`w${i}`))?.id ?? null);
      assert.deepEqual(order, [...['j-c', 'j-b', 'j-a'].map((s) => nsId(ctx, s)), null]);
    },
  },
  {
    name: 'ordering: jobs by status and by video follow createdAt before id',
    async run(ctx) {
      await importReversed(ctx);
      const expected = ['j-c', 'j-b', 'j-a'].map((s) => nsId(ctx, s));
      assert.deepEqual(ids((await ctx.storage.jobs.listByStatus('pending')).items), expected);
      assert.deepEqual(ids((await ctx.storage.jobs.listForVideo(nsId(ctx, 'v-a'))).items), expected);
    },
  },
  {
    name: 'ordering: timelines of a video follow the createdAt of version 1, not of the latest',
    async run(ctx) {
      await importReversed(ctx);
      const listed = (await ctx.storage.timelines.listForVideo(nsId(ctx, 'v-a'))).items;
      assert.deepEqual(
        listed.map((t) => [t.id, t.version]),
        [
          [nsId(ctx, 't-b'), 2],
          [nsId(ctx, 't-a'), 1],
        ],
      );
    },
  },
  {
    name: 'ordering: models are found by createdAt before id',
    async run(ctx) {
      await importReversed(ctx);
      const expected = ['m-c', 'm-b', 'm-a'].map((s) => nsId(ctx, s));
      assert.deepEqual(ids((await ctx.storage.models.find()).items), expected);
      assert.deepEqual(
        ids((await ctx.storage.models.find({ modelType: 'yolo' })).items),
        expected,
        'filtered',
      );
      assert.deepEqual(
        ids(await listAll((p) => ctx.storage.models.find({}, p), 1)),
        expected,
        'paged one by one',
      );
    },
  },
  {
    name: 'ordering: audit entries are listed by at before id, and appends come after older entries',
    async run(ctx) {
      await importReversed(ctx);
      const expected = ['e-c', 'e-b', 'e-a'].map((s) => nsId(ctx, s));
      assert.deepEqual(ids((await ctx.storage.audit.list()).items), expected);
      assert.deepEqual(ids(await listAll((p) => ctx.storage.audit.list({ actor: 'alice' }, p), 1)), expected);
      const appended = [];
      for (const action of ['late-1', 'late-2', 'late-3']) {
        appended.push(
          await ctx.storage.audit.append({ action, entityType: 'video', entityId: nsId(ctx, 'v-a') }),
        );
      }
      const listed = (await ctx.storage.audit.list()).items;
      assert.deepEqual(ids(listed.slice(0, 3)), expected, 'older entries first');
      assert.deepEqual(
        ids(listed.slice(3)),
        ids(appended),
        'appends follow in append order (generated ids are time-ordered)',
      );
    },
  },
];
