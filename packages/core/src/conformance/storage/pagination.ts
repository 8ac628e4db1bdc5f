import assert from 'node:assert/strict';
import { encodeCursor } from '../../pagination/cursor.js';
import { rejectsWithCode } from '../assert.js';
import type { StorageCase } from '../types.js';
import { annotationInput, detectionInput, nsId, seedTimeline, seedVideo, timelineInput } from './builders.js';
import { ids, listAll, sortedBy } from './checks.js';

/** Cases of keyset pagination: no item lost or repeated across pages, typed errors for bad requests. */
export const paginationCases: StorageCase[] = [
  {
    name: 'pagination: videos paged 3 at a time come once each, in list order',
    async run(ctx) {
      const made = [];
      for (let i = 0; i < 10; i++) made.push(await seedVideo(ctx, `v${String(9 - i).padStart(2, '0')}`));
      const paged = await listAll((p) => ctx.storage.videos.list(p), 3);
      assert.deepEqual(ids(paged), ids(sortedBy(made, (v) => [v.createdAt, v.id])));
      const first = await ctx.storage.videos.list({ limit: 3 });
      assert.equal(first.items.length, 3);
      assert.notEqual(first.nextCursor, null);
    },
  },
  {
    name: 'pagination: items with equal sort values are split across pages by id, none lost',
    async run(ctx) {
      const v = await seedVideo(ctx);
      for (let i = 0; i < 9; i++) {
        await ctx.storage.annotations.save(annotationInput(ctx, v.id, `a${i}`, i < 6 ? 5 : 7));
      }
      const expected = [...Array(9).keys()].map((i) => nsId(ctx, `a${i}`));
      for (const limit of [1, 2, 4, 5]) {
        assert.deepEqual(
          ids(await listAll((p) => ctx.storage.annotations.listForVideo(v.id, {}, p), limit)),
          expected,
          `limit ${limit}`,
        );
        assert.deepEqual(
          ids(await listAll((p) => ctx.storage.annotations.inRange(v.id, 5, 7, p), limit)),
          expected,
          `range, limit ${limit}`,
        );
      }
    },
  },
  {
    name: 'pagination: detections in range paged 7 at a time across 50 items',
    async run(ctx) {
      const v = await seedVideo(ctx);
      const items = Array.from({ length: 50 }, (_, i) =>
        detectionInput(ctx, v.id, `d${String(i).padStart(2, '0')}`, Math.floor(i / 3)),
      );
      await ctx.storage.detections.insertMany(items);
      const paged = await listAll(
        (p) => ctx.storage.detections.inRange(v.id, 0, 100, { detectorType: 'ocr' }, p),
        7,
      );
      assert.deepEqual(
        ids(paged),
        items.map((d) => d.id),
      );
      const review = await listAll((p) => ctx.storage.detections.reviewQueue(v.id, p), 7);
      assert.deepEqual(review, []);
    },
  },
  {
    name: 'pagination: timeline versions paged one at a time, newest first',
    async run(ctx) {
      const { video, timeline } = await seedTimeline(ctx);
      for (let i = 0; i < 4; i++) await ctx.storage.timelines.save(timelineInput(ctx, video.id));
      const paged = await listAll((p) => ctx.storage.timelines.versions(timeline.id, p), 1);
      assert.deepEqual(
        paged.map((v) => v.version),
        [5, 4, 3, 2, 1],
      );
    },
  },
  {
    name: 'pagination: scenes, jobs, timelines, models and audit lists page without loss',
    async run(ctx) {
      const v = await seedVideo(ctx);
      for (let i = 0; i < 5; i++) {
        await ctx.storage.scenes.create({
          id: nsId(ctx, `s${i}`),
          videoId: v.id,
          startTime: i,
          endTime: i + 2,
          sceneType: 'custom',
        });
        await ctx.storage.timelines.save(timelineInput(ctx, v.id, `t${i}`));
        await ctx.storage.jobs.create({
          id: nsId(ctx, `j${i}`),
          videoId: v.id,
          timelineId: nsId(ctx, `t${i}`),
        });
        await ctx.storage.models.register({
          id: nsId(ctx, `m${i}`),
          name: 'm',
          modelType: 't',
          areaType: 'a',
          fileKey: `m/${ctx.ns}/${i}`,
        });
        await ctx.storage.audit.append({ action: 'a', entityType: 'e', entityId: nsId(ctx, `e${i}`) });
      }
      const s = ctx.storage;
      const check = async (
        what: string,
        all: () => Promise<{ id: string }[]>,
        paged: () => Promise<{ id: string }[]>,
      ) => {
        assert.deepEqual(ids(await paged()), ids(await all()), what);
        assert.equal((await all()).length, 5, what);
      };
      await check(
        'scenes',
        async () => (await s.scenes.listForVideo(v.id)).items,
        () => listAll((p) => s.scenes.listForVideo(v.id, p), 2),
      );
      await check(
        'overlapping',
        async () => (await s.scenes.overlapping(v.id, 0, 100)).items,
        () => listAll((p) => s.scenes.overlapping(v.id, 0, 100, p), 2),
      );
      await check(
        'timelines',
        async () => (await s.timelines.listForVideo(v.id)).items,
        () => listAll((p) => s.timelines.listForVideo(v.id, p), 2),
      );
      await check(
        'jobs by status',
        async () => (await s.jobs.listByStatus('pending')).items,
        () => listAll((p) => s.jobs.listByStatus('pending', p), 2),
      );
      await check(
        'jobs of video',
        async () => (await s.jobs.listForVideo(v.id)).items,
        () => listAll((p) => s.jobs.listForVideo(v.id, p), 2),
      );
      await check(
        'models',
        async () => (await s.models.find()).items,
        () => listAll((p) => s.models.find({}, p), 2),
      );
      await check(
        'audit',
        async () => (await s.audit.list()).items,
        () => listAll((p) => s.audit.list({}, p), 2),
      );
    },
  },
  {
    name: 'pagination: the last page has a null cursor, also when the count is a multiple of the limit',
    async run(ctx) {
      for (let i = 0; i < 4; i++) await seedVideo(ctx, `v${i}`);
      const one = await ctx.storage.videos.list({ limit: 4 });
      assert.equal(one.items.length, 4);
      assert.equal(one.nextCursor, null);
      const first = await ctx.storage.videos.list({ limit: 2 });
      const second = await ctx.storage.videos.list({ limit: 2, cursor: first.nextCursor });
      assert.equal(second.items.length, 2);
      assert.equal(second.nextCursor, null);
    },
  },
  {
    name: 'pagination: the default limit is 100',
    async run(ctx) {
      const v = await seedVideo(ctx);
      await ctx.storage.detections.insertMany(
        Array.from({ length: 101 }, (_, i) => detectionInput(ctx, v.id, `d${i}`, i)),
      );
      const first = await ctx.storage.detections.inRange(v.id, 0, 1000);
      assert.equal(first.items.length, 100);
      assert.notEqual(first.nextCursor, null);
      const rest = await ctx.storage.detections.inRange(v.id, 0, 1000, {}, { cursor: first.nextCursor });
      assert.deepEqual(ids(rest.items), [nsId(ctx, 'd100')]);
      assert.equal(rest.nextCursor, null);
    },
  },
  {
    name: 'pagination: a limit of 0, negative, fractional or above 10,000 is VALIDATION; 10,000 is accepted',
    async run(ctx) {
      const v = await seedVideo(ctx);
      for (const limit of [0, -1, 1.5, 10_001, Number.NaN]) {
        await rejectsWithCode(ctx.storage.videos.list({ limit }), 'VALIDATION', `limit ${limit}`);
        await rejectsWithCode(
          ctx.storage.detections.inRange(v.id, 0, 1, {}, { limit }),
          'VALIDATION',
          `limit ${limit}`,
        );
      }
      assert.equal((await ctx.storage.videos.list({ limit: 10_000 })).items.length, 1);
    },
  },
  {
    name: 'pagination: a malformed cursor is VALIDATION',
    async run(ctx) {
      const v = await seedVideo(ctx);
      for (const cursor of [
        'not a cursor',
        '%%%',
        encodeCursor([]),
        Buffer.from('{"a":1}').toString('base64url'),
      ]) {
        await rejectsWithCode(ctx.storage.videos.list({ cursor }), 'VALIDATION', cursor);
        await rejectsWithCode(
          ctx.storage.annotations.listForVideo(v.id, {}, { cursor }),
          'VALIDATION',
          cursor,
        );
      }
    },
  },
  {
    name: 'pagination: a cursor of another list, or with values of the wrong type, is VALIDATION',
    async run(ctx) {
      const { timeline } = await seedTimeline(ctx);
      for (let i = 0; i < 2; i++) await ctx.storage.timelines.save(timelineInput(ctx, timeline.videoId));
      const versionsCursor = (await ctx.storage.timelines.versions(timeline.id, { limit: 1 })).nextCursor;
      assert.ok(versionsCursor);
      await rejectsWithCode(
        ctx.storage.videos.list({ cursor: versionsCursor }),
        'VALIDATION',
        'a versions cursor on videos',
      );
      await rejectsWithCode(
        ctx.storage.videos.list({ cursor: encodeCursor([1, 2]) }),
        'VALIDATION',
        'numbers for (createdAt, id)',
      );
      await rejectsWithCode(
        ctx.storage.annotations.inRange(timeline.videoId, 0, 1, { cursor: encodeCursor(['x', 'y']) }),
        'VALIDATION',
        'strings for (timestamp, id)',
      );
    },
  },
];
