import assert from 'node:assert/strict';
import { rejectsWithCode } from '../assert.js';
import type { StorageCase } from '../types.js';
import { nsId, seedTimeline, seedVideo, timelineInput } from './builders.js';
import { assertRows, assertTimestamp, ids, rejectsUnchanged, sortedBy } from './checks.js';
import { OLD, timelineRecord, videoRecord } from './seeded.js';

/** Cases of `storage.timelines`. */
export const timelineCases: StorageCase[] = [
  {
    name: 'timelines: save of a new id is version 1, a draft, with region defaults filled',
    async run(ctx) {
      const v = await seedVideo(ctx);
      const t = await ctx.storage.timelines.save(timelineInput(ctx, v.id));
      assert.equal(t.version, 1);
      assert.equal(t.status, 'draft');
      assert.equal(t.createdBy, null);
      assert.deepEqual(t.metadata, {});
      assertTimestamp(t.createdAt, 'createdAt');
      const region = t.data.blurRegions[0];
      assert.equal(region?.blurType, 'gaussian');
      assert.equal(region?.blurStrength, 15);
      assert.equal(region?.interpolation, 'linear');
      assert.equal(region?.confidence, 1);
      assert.equal(region?.needsReview, false);
      assert.deepEqual(await ctx.storage.timelines.load(t.id), t);
      assert.deepEqual(await ctx.storage.timelines.load(t.id, 1), t);
    },
  },
  {
    name: 'timelines: save without an id generates one',
    async run(ctx) {
      const v = await seedVideo(ctx);
      const { id: _omit, ...input } = timelineInput(ctx, v.id);
      const t = await ctx.storage.timelines.save(input);
      assert.ok(t.id.length > 0);
      assert.equal(t.version, 1);
      assert.deepEqual(await ctx.storage.timelines.load(t.id), t);
    },
  },
  {
    name: 'timelines: v1 is still loadable after v2; the v1 draft becomes archived',
    async run(ctx) {
      const { video, timeline: v1 } = await seedTimeline(ctx);
      const input2 = timelineInput(ctx, video.id, 'tl', { name: 'second', createdBy: 'carol' });
      const v2 = await ctx.storage.timelines.save(input2);
      assert.equal(v2.id, v1.id);
      assert.equal(v2.version, 2);
      assert.equal(v2.status, 'draft');
      assert.equal(v2.name, 'second');
      const old = await ctx.storage.timelines.load(v1.id, 1);
      assert.ok(old, 'version 1 is kept');
      assert.equal(old.status, 'archived');
      assert.equal(old.name, 'main');
      assert.deepEqual(old.data, v1.data);
      assert.deepEqual(await ctx.storage.timelines.load(v1.id), v2, 'load without a version is the latest');
      await assertRows(ctx, 'timelines', 2);
    },
  },
  {
    name: 'timelines: an approved or processed version keeps its status when a new version is saved',
    async run(ctx) {
      const { video, timeline } = await seedTimeline(ctx);
      await ctx.storage.timelines.approve(timeline.id, 'lead');
      await ctx.storage.timelines.save(timelineInput(ctx, video.id));
      assert.equal((await ctx.storage.timelines.load(timeline.id, 1))?.status, 'approved');
      await ctx.storage.timelines.approve(timeline.id, 'lead');
      await ctx.storage.timelines.markProcessed(timeline.id);
      const v3 = await ctx.storage.timelines.save(timelineInput(ctx, video.id));
      assert.equal(v3.version, 3);
      assert.equal((await ctx.storage.timelines.load(timeline.id, 2))?.status, 'processed');
      assert.equal((await ctx.storage.timelines.load(timeline.id, 1))?.status, 'approved');
    },
  },
  {
    name: 'timelines: versions lists every version newest first',
    async run(ctx) {
      const { video, timeline } = await seedTimeline(ctx);
      for (let i = 0; i < 3; i++)
        await ctx.storage.timelines.save(timelineInput(ctx, video.id, 'tl', { createdBy: `u${i}` }));
      const page = await ctx.storage.timelines.versions(timeline.id);
      assert.deepEqual(
        page.items.map((v) => v.version),
        [4, 3, 2, 1],
      );
      assert.deepEqual(
        page.items.map((v) => v.status),
        ['draft', 'archived', 'archived', 'archived'],
      );
      assert.deepEqual(
        page.items.map((v) => v.createdBy),
        ['u2', 'u1', 'u0', null],
      );
      assert.ok(page.items.every((v) => v.id === timeline.id));
      assert.equal(page.nextCursor, null);
      assert.deepEqual((await ctx.storage.timelines.versions(nsId(ctx, 'ghost'))).items, []);
    },
  },
  {
    name: 'timelines: load of a missing id or version returns null',
    async run(ctx) {
      const { timeline } = await seedTimeline(ctx);
      assert.equal(await ctx.storage.timelines.load(nsId(ctx, 'ghost')), null);
      assert.equal(await ctx.storage.timelines.load(timeline.id, 2), null);
      await rejectsWithCode(ctx.storage.timelines.load(timeline.id, 0), 'VALIDATION');
    },
  },
  {
    name: 'timelines: saving a known id for another video is CONFLICT',
    async run(ctx) {
      const { timeline } = await seedTimeline(ctx);
      const other = await seedVideo(ctx, 'other');
      await rejectsUnchanged(
        ctx,
        () => ctx.storage.timelines.save(timelineInput(ctx, other.id, 'tl')),
        'CONFLICT',
      );
      assert.deepEqual(await ctx.storage.timelines.load(timeline.id), timeline);
    },
  },
  {
    name: 'timelines: a missing video is CONSTRAINT',
    async run(ctx) {
      await seedVideo(ctx);
      await rejectsUnchanged(
        ctx,
        () => ctx.storage.timelines.save(timelineInput(ctx, nsId(ctx, 'no-video'))),
        'CONSTRAINT',
      );
    },
  },
  {
    name: 'timelines: listForVideo holds the latest version of each timeline, ordered by version 1 (createdAt, id)',
    async run(ctx) {
      const v = await seedVideo(ctx, 'v');
      const other = await seedVideo(ctx, 'other');
      const firsts = [];
      for (const s of ['c', 'a', 'b'])
        firsts.push(await ctx.storage.timelines.save(timelineInput(ctx, v.id, s)));
      await ctx.storage.timelines.save(timelineInput(ctx, other.id, 'x'));
      const latestA = await ctx.storage.timelines.save(timelineInput(ctx, v.id, 'a', { name: 'a2' }));
      const listed = (await ctx.storage.timelines.listForVideo(v.id)).items;
      assert.deepEqual(ids(listed), ids(sortedBy(firsts, (t) => [t.createdAt, t.id])));
      const a = listed.find((t) => t.id === latestA.id);
      assert.deepEqual(a, latestA, 'each timeline appears once, as its latest version');
      assert.equal(listed.length, 3);
    },
  },
  {
    name: 'timelines: approve moves a draft to approved; approving again is CONFLICT',
    async run(ctx) {
      await ctx.storage.importRecords([videoRecord(ctx, 'v-a'), timelineRecord(ctx, 'tl', 1)]);
      const timeline = { id: nsId(ctx, 'tl') };
      const approved = await ctx.storage.timelines.approve(timeline.id, 'lead');
      assert.equal(approved.status, 'approved');
      assert.equal(approved.version, 1);
      assert.equal(approved.createdAt, OLD, 'createdAt never changes');
      assert.ok(approved.updatedAt > OLD, `updatedAt moves forward from ${OLD}, got ${approved.updatedAt}`);
      assert.deepEqual(await ctx.storage.timelines.load(timeline.id), approved);
      await rejectsWithCode(ctx.storage.timelines.approve(timeline.id, 'lead'), 'CONFLICT');
      assert.equal((await ctx.storage.timelines.load(timeline.id))?.status, 'approved');
    },
  },
  {
    name: 'timelines: markProcessed needs approved; from draft it is CONFLICT',
    async run(ctx) {
      const { timeline } = await seedTimeline(ctx);
      await rejectsWithCode(ctx.storage.timelines.markProcessed(timeline.id), 'CONFLICT');
      assert.equal((await ctx.storage.timelines.load(timeline.id))?.status, 'draft');
      await ctx.storage.timelines.approve(timeline.id, 'lead');
      assert.equal((await ctx.storage.timelines.markProcessed(timeline.id)).status, 'processed');
      await rejectsWithCode(ctx.storage.timelines.markProcessed(timeline.id), 'CONFLICT');
      await rejectsWithCode(ctx.storage.timelines.approve(timeline.id, 'lead'), 'CONFLICT');
      assert.equal((await ctx.storage.timelines.load(timeline.id))?.status, 'processed');
    },
  },
  {
    name: 'timelines: archive works from draft, approved and processed; archiving twice is CONFLICT',
    async run(ctx) {
      const v = await seedVideo(ctx);
      const draft = await ctx.storage.timelines.save(timelineInput(ctx, v.id, 'd'));
      const approved = await ctx.storage.timelines.save(timelineInput(ctx, v.id, 'a'));
      await ctx.storage.timelines.approve(approved.id, 'lead');
      const processed = await ctx.storage.timelines.save(timelineInput(ctx, v.id, 'p'));
      await ctx.storage.timelines.approve(processed.id, 'lead');
      await ctx.storage.timelines.markProcessed(processed.id);
      for (const t of [draft, approved, processed]) {
        assert.equal((await ctx.storage.timelines.archive(t.id)).status, 'archived', t.id);
        await rejectsWithCode(ctx.storage.timelines.archive(t.id), 'CONFLICT', `${t.id} twice`);
        await rejectsWithCode(
          ctx.storage.timelines.approve(t.id, 'lead'),
          'CONFLICT',
          `${t.id} approve archived`,
        );
      }
    },
  },
  {
    name: 'timelines: status changes of a missing id or version are NOT_FOUND',
    async run(ctx) {
      const { timeline } = await seedTimeline(ctx);
      const ghost = nsId(ctx, 'ghost');
      await rejectsUnchanged(ctx, () => ctx.storage.timelines.approve(ghost, 'lead'), 'NOT_FOUND');
      await rejectsUnchanged(ctx, () => ctx.storage.timelines.markProcessed(ghost), 'NOT_FOUND');
      await rejectsUnchanged(ctx, () => ctx.storage.timelines.archive(ghost), 'NOT_FOUND');
      await rejectsUnchanged(ctx, () => ctx.storage.timelines.approve(timeline.id, 'lead', 7), 'NOT_FOUND');
      assert.equal((await ctx.storage.timelines.load(timeline.id))?.status, 'draft');
    },
  },
  {
    name: 'timelines: a given version is changed, the others are not',
    async run(ctx) {
      const { video, timeline } = await seedTimeline(ctx);
      await ctx.storage.timelines.save(timelineInput(ctx, video.id));
      await rejectsWithCode(
        ctx.storage.timelines.approve(timeline.id, 'lead', 1),
        'CONFLICT',
        'v1 is archived',
      );
      const v2 = await ctx.storage.timelines.approve(timeline.id, 'lead', 2);
      assert.equal(v2.version, 2);
      assert.equal(v2.status, 'approved');
      assert.equal((await ctx.storage.timelines.load(timeline.id, 1))?.status, 'archived');
    },
  },
  {
    name: 'timelines: delete removes every version, then returns false',
    async run(ctx) {
      const { video, timeline } = await seedTimeline(ctx);
      const keep = await ctx.storage.timelines.save(timelineInput(ctx, video.id, 'keep'));
      await ctx.storage.timelines.save(timelineInput(ctx, video.id));
      assert.equal(await ctx.storage.timelines.delete(timeline.id), true);
      assert.equal(await ctx.storage.timelines.load(timeline.id), null);
      assert.equal(await ctx.storage.timelines.load(timeline.id, 1), null);
      assert.deepEqual((await ctx.storage.timelines.versions(timeline.id)).items, []);
      assert.equal(await ctx.storage.timelines.delete(timeline.id), false);
      assert.deepEqual(await ctx.storage.timelines.load(keep.id), keep);
      await assertRows(ctx, 'timelines', 1);
    },
  },
  {
    name: 'timelines: data with many regions and every option round-trips exactly',
    async run(ctx) {
      const v = await seedVideo(ctx);
      const blurRegions = Array.from({ length: 50 }, (_, i) => ({
        id: `r${i}`,
        startTime: i * 0.1,
        endTime: i * 0.1 + 0.05,
        bbox: { x: i, y: i * 2, width: 10 + i, height: 5 + i },
        blurType: (['gaussian', 'pixelate', 'solid', 'box'] as const)[i % 4],
        blurStrength: 1 + (i % 100),
        interpolation: (['none', 'linear', 'smooth'] as const)[i % 3],
        confidence: i / 50,
        needsReview: i % 2 === 0,
        metadata: { i },
      }));
      const input = timelineInput(ctx, v.id, 'tl', {
        data: { videoDuration: 120.5, frameRate: 59.94, blurRegions, metadata: { tool: 'auto' } },
        metadata: { review: { by: 'x' } },
        createdBy: 'dave',
      });
      const t = await ctx.storage.timelines.save(input);
      assert.deepEqual(t.data, input.data);
      assert.deepEqual((await ctx.storage.timelines.load(t.id))?.data, input.data);
      assert.deepEqual((await ctx.storage.timelines.load(t.id))?.metadata, { review: { by: 'x' } });
    },
  },
];
