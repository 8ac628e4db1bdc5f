import assert from 'node:assert/strict';
import type { StorageCase, StorageCaseContext } from '../types.js';
import {
  annotationInput,
  detectionInput,
  modelInput,
  nsId,
  sceneInput,
  seedVideo,
  timelineInput,
} from './builders.js';
import { assertRows } from './checks.js';

/** A video with a scene, an annotation in it, two detections, a timeline in two versions and a job. */
async function seedFamily(ctx: StorageCaseContext, p: string): Promise<string> {
  const v = await seedVideo(ctx, `${p}-video`);
  await ctx.storage.scenes.create(sceneInput(ctx, v.id, `${p}-scene`));
  await ctx.storage.annotations.save(
    annotationInput(ctx, v.id, `${p}-ann`, 1, { sceneId: nsId(ctx, `${p}-scene`) }),
  );
  await ctx.storage.detections.insertMany([
    detectionInput(ctx, v.id, `${p}-d1`, 1),
    detectionInput(ctx, v.id, `${p}-d2`, 2),
  ]);
  await ctx.storage.timelines.save(timelineInput(ctx, v.id, `${p}-tl`));
  await ctx.storage.timelines.save(timelineInput(ctx, v.id, `${p}-tl`));
  await ctx.storage.jobs.create({
    id: nsId(ctx, `${p}-job`),
    videoId: v.id,
    timelineId: nsId(ctx, `${p}-tl`),
  });
  return v.id;
}

/** Cases of the reference's ON DELETE rules. */
export const cascadeCases: StorageCase[] = [
  {
    name: 'cascades: deleting a video deletes its scenes, annotations, detections, timelines and jobs',
    async run(ctx) {
      const doomed = await seedFamily(ctx, 'a');
      await seedFamily(ctx, 'b');
      assert.equal(await ctx.storage.videos.delete(doomed), true);
      assert.equal(await ctx.storage.scenes.get(nsId(ctx, 'a-scene')), null);
      assert.equal(await ctx.storage.annotations.get(nsId(ctx, 'a-ann')), null);
      assert.equal(await ctx.storage.detections.get(nsId(ctx, 'a-d1')), null);
      assert.equal(await ctx.storage.timelines.load(nsId(ctx, 'a-tl'), 1), null);
      assert.equal(await ctx.storage.timelines.load(nsId(ctx, 'a-tl')), null);
      assert.equal(await ctx.storage.jobs.get(nsId(ctx, 'a-job')), null);
      await assertRows(ctx, 'videos', 1, 'the other family stays');
      await assertRows(ctx, 'scenes', 1);
      await assertRows(ctx, 'annotations', 1);
      await assertRows(ctx, 'detections', 2);
      await assertRows(ctx, 'timelines', 2);
      await assertRows(ctx, 'processing_jobs', 1);
      assert.ok(await ctx.storage.jobs.get(nsId(ctx, 'b-job')));
      assert.equal((await ctx.storage.annotations.get(nsId(ctx, 'b-ann')))?.sceneId, nsId(ctx, 'b-scene'));
    },
  },
  {
    name: 'cascades: deleting a scene keeps its annotations with sceneId null',
    async run(ctx) {
      const v = await seedVideo(ctx);
      const s = await ctx.storage.scenes.create(sceneInput(ctx, v.id, 's'));
      const other = await ctx.storage.scenes.create(sceneInput(ctx, v.id, 'other', 20, 30));
      const a1 = await ctx.storage.annotations.save(annotationInput(ctx, v.id, 'a1', 1, { sceneId: s.id }));
      await ctx.storage.annotations.save(annotationInput(ctx, v.id, 'a2', 2, { sceneId: s.id }));
      const a3 = await ctx.storage.annotations.save(
        annotationInput(ctx, v.id, 'a3', 25, { sceneId: other.id }),
      );
      assert.equal(await ctx.storage.scenes.delete(s.id), true);
      await assertRows(ctx, 'annotations', 3, 'annotations survive their scene');
      assert.deepEqual(await ctx.storage.annotations.get(a1.id), { ...a1, sceneId: null });
      assert.equal((await ctx.storage.annotations.get(nsId(ctx, 'a2')))?.sceneId, null);
      assert.deepEqual(await ctx.storage.annotations.get(a3.id), a3, 'annotations of other scenes untouched');
    },
  },
  {
    name: 'cascades: deleting a timeline deletes its jobs and no others',
    async run(ctx) {
      const v = await seedVideo(ctx);
      const t1 = await ctx.storage.timelines.save(timelineInput(ctx, v.id, 't1'));
      const t2 = await ctx.storage.timelines.save(timelineInput(ctx, v.id, 't2'));
      await ctx.storage.timelines.save(timelineInput(ctx, v.id, 't1'));
      await ctx.storage.jobs.create({
        id: nsId(ctx, 'j1a'),
        videoId: v.id,
        timelineId: t1.id,
        timelineVersion: 1,
      });
      await ctx.storage.jobs.create({ id: nsId(ctx, 'j1b'), videoId: v.id, timelineId: t1.id });
      await ctx.storage.jobs.create({ id: nsId(ctx, 'j2'), videoId: v.id, timelineId: t2.id });
      assert.equal(await ctx.storage.timelines.delete(t1.id), true);
      assert.equal(await ctx.storage.jobs.get(nsId(ctx, 'j1a')), null);
      assert.equal(await ctx.storage.jobs.get(nsId(ctx, 'j1b')), null);
      assert.ok(await ctx.storage.jobs.get(nsId(ctx, 'j2')));
      await assertRows(ctx, 'processing_jobs', 1);
      await assertRows(ctx, 'timelines', 1);
      assert.ok(await ctx.storage.videos.get(v.id), 'the video stays');
    },
  },
  {
    name: 'cascades: deleting a video leaves models and the audit log alone',
    async run(ctx) {
      const id = await seedFamily(ctx, 'a');
      await ctx.storage.models.register(modelInput(ctx));
      await ctx.storage.audit.append({ action: 'create', entityType: 'video', entityId: id });
      await ctx.storage.videos.delete(id);
      await assertRows(ctx, 'models', 1);
      await assertRows(ctx, 'audit_log', 1);
      for (const t of [
        'videos',
        'scenes',
        'annotations',
        'detections',
        'timelines',
        'processing_jobs',
      ] as const) {
        await assertRows(ctx, t, 0, `no ${t} left`);
      }
    },
  },
  {
    name: 'cascades: ids freed by a cascade can be used again',
    async run(ctx) {
      const id = await seedFamily(ctx, 'a');
      await ctx.storage.videos.delete(id);
      await seedFamily(ctx, 'a');
      const t = await ctx.storage.timelines.load(nsId(ctx, 'a-tl'));
      assert.equal(
        t?.version,
        2,
        'a re-created timeline is numbered afresh: its two saves give versions 1 and 2',
      );
      await assertRows(ctx, 'detections', 2);
    },
  },
];
