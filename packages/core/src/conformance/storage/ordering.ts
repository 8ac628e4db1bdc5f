import assert from 'node:assert/strict';
import type { ExportRecord } from '../../contracts/base-storage.js';
import type { StorageCase, StorageCaseContext } from '../types.js';
import { nsId } from './builders.js';
import { ids, listAll } from './checks.js';

// Records imported with chosen timestamps: the order a list must follow no longer depends on the
// clock, so "createdAt before id" is checked even on a fast machine where every row shares one millisecond.

/** An ISO timestamp `seconds` after a fixed instant. */
function at(seconds: number): string {
  return new Date(Date.UTC(2026, 0, 1, 0, 0, seconds)).toISOString();
}

/** An exported video record created at `createdAt`. */
function video(ctx: StorageCaseContext, suffix: string, createdAt: string): ExportRecord {
  return {
    table: 'videos',
    record: {
      id: nsId(ctx, suffix),
      filename: `${suffix}.mp4`,
      fileKey: `videos/${ctx.ns}/${suffix}.mp4`,
      duration: 10,
      frameRate: 25,
      width: 64,
      height: 64,
      fileSize: 1,
      codec: null,
      checksum: null,
      metadata: {},
      createdAt,
      updatedAt: createdAt,
    },
  };
}

/** An exported timeline version. */
function timeline(ctx: StorageCaseContext, suffix: string, version: number, createdAt: string): ExportRecord {
  return {
    table: 'timelines',
    record: {
      id: nsId(ctx, suffix),
      version,
      videoId: nsId(ctx, 'v-a'),
      name: `${suffix}@${version}`,
      data: { videoDuration: 10, frameRate: 25, blurRegions: [], metadata: {} },
      createdBy: null,
      metadata: {},
      status: 'draft',
      createdAt,
      updatedAt: createdAt,
    },
  };
}

/** An exported pending job created at `createdAt`. */
function job(ctx: StorageCaseContext, suffix: string, createdAt: string): ExportRecord {
  return {
    table: 'processing_jobs',
    record: {
      id: nsId(ctx, suffix),
      videoId: nsId(ctx, 'v-a'),
      timelineId: nsId(ctx, 't-a'),
      timelineVersion: 1,
      status: 'pending',
      progress: 0,
      outputKey: null,
      errorMessage: null,
      config: null,
      workerId: null,
      startedAt: null,
      completedAt: null,
      createdAt,
    },
  };
}

/** Ids ascending, timestamps descending: an order by id alone is the exact reverse of the right one. */
async function importReversed(ctx: StorageCaseContext): Promise<void> {
  await ctx.storage.importRecords([
    video(ctx, 'v-a', at(30)),
    video(ctx, 'v-b', at(20)),
    video(ctx, 'v-c', at(10)),
    timeline(ctx, 't-a', 1, at(40)),
    timeline(ctx, 't-b', 1, at(35)),
    timeline(ctx, 't-b', 2, at(50)),
    job(ctx, 'j-a', at(59)),
    job(ctx, 'j-b', at(58)),
    job(ctx, 'j-c', at(57)),
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
];
