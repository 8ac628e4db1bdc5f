import assert from 'node:assert/strict';
import type { StorageCase } from '../types.js';
import { annotationInput, nsId, sceneInput, seedVideo } from './builders.js';
import { assertRows, assertTimestamp, ids, rejectsUnchanged, sortedBy } from './checks.js';
import { annotationRecord, OLD, videoRecord } from './seeded.js';

/** Cases of `storage.annotations`. */
export const annotationCases: StorageCase[] = [
  {
    name: 'annotations: save fills defaults and get returns the same record',
    async run(ctx) {
      const v = await seedVideo(ctx);
      const a = await ctx.storage.annotations.save(annotationInput(ctx, v.id, 'a', 2.5));
      assert.equal(a.sceneId, null);
      assert.equal(a.frameNumber, 0);
      assert.equal(a.confidence, 1);
      assert.equal(a.imageKey, null);
      assert.equal(a.annotatedBy, null);
      assert.deepEqual(a.metadata, {});
      assert.deepEqual(a.bbox, { x: 10, y: 20, width: 100, height: 50 });
      assertTimestamp(a.createdAt, 'createdAt');
      assert.deepEqual(await ctx.storage.annotations.get(a.id), a);
      assert.equal(await ctx.storage.annotations.get(nsId(ctx, 'nope')), null);
    },
  },
  {
    name: 'annotations: save with a scene, image key and annotator round-trips',
    async run(ctx) {
      const v = await seedVideo(ctx);
      const s = await ctx.storage.scenes.create(sceneInput(ctx, v.id, 's'));
      const input = annotationInput(ctx, v.id, 'a', 3, {
        sceneId: s.id,
        frameNumber: 90,
        confidence: 0.75,
        imageKey: `frames/${ctx.ns}/90.png`,
        annotatedBy: 'alice',
        label: 'password',
        metadata: { tool: 'brush' },
      });
      const a = await ctx.storage.annotations.save(input);
      for (const [k, val] of Object.entries(input)) assert.deepEqual(a[k as keyof typeof a], val, k);
      assert.deepEqual(await ctx.storage.annotations.get(a.id), a);
    },
  },
  {
    name: 'annotations: save of a known id replaces it and keeps createdAt',
    async run(ctx) {
      await ctx.storage.importRecords([videoRecord(ctx, 'v'), annotationRecord(ctx, 'a', 'v')]);
      const second = await ctx.storage.annotations.save(
        annotationInput(ctx, nsId(ctx, 'v'), 'a', 7.5, {
          label: 'token',
          bbox: { x: 0, y: 0, width: 1, height: 1 },
        }),
      );
      assert.equal(second.createdAt, OLD, 'createdAt is kept');
      assert.equal(second.label, 'token');
      assert.equal(second.timestamp, 7.5);
      assert.deepEqual(await ctx.storage.annotations.get(nsId(ctx, 'a')), second);
      await assertRows(ctx, 'annotations', 1);
    },
  },
  {
    name: 'annotations: a missing video is CONSTRAINT',
    async run(ctx) {
      await seedVideo(ctx);
      await rejectsUnchanged(
        ctx,
        () => ctx.storage.annotations.save(annotationInput(ctx, nsId(ctx, 'no-video'), 'a')),
        'CONSTRAINT',
      );
    },
  },
  {
    name: 'annotations: a missing scene is CONSTRAINT',
    async run(ctx) {
      const v = await seedVideo(ctx);
      await rejectsUnchanged(
        ctx,
        () =>
          ctx.storage.annotations.save(
            annotationInput(ctx, v.id, 'a', 1, { sceneId: nsId(ctx, 'no-scene') }),
          ),
        'CONSTRAINT',
      );
    },
  },
  {
    name: 'annotations: a scene of another video is CONSTRAINT, on insert and on replace',
    async run(ctx) {
      const v = await seedVideo(ctx);
      const other = await seedVideo(ctx, 'other');
      const foreign = await ctx.storage.scenes.create(sceneInput(ctx, other.id, 's-other'));
      const own = await ctx.storage.scenes.create(sceneInput(ctx, v.id, 's-own'));
      await rejectsUnchanged(
        ctx,
        () => ctx.storage.annotations.save(annotationInput(ctx, v.id, 'a', 1, { sceneId: foreign.id })),
        'CONSTRAINT',
        'insert with a foreign scene',
      );
      const kept = await ctx.storage.annotations.save(
        annotationInput(ctx, v.id, 'a', 1, { sceneId: own.id }),
      );
      await rejectsUnchanged(
        ctx,
        () => ctx.storage.annotations.save(annotationInput(ctx, v.id, 'a', 2, { sceneId: foreign.id })),
        'CONSTRAINT',
        'replace with a foreign scene',
      );
      assert.deepEqual(await ctx.storage.annotations.get(kept.id), kept);
    },
  },
  {
    name: 'annotations: listForVideo is ordered by (timestamp, id) and filters by label',
    async run(ctx) {
      const v = await seedVideo(ctx);
      const other = await seedVideo(ctx, 'other');
      const made = [];
      const rows = [
        ['d', 4, 'api_key'],
        ['b', 2, 'password'],
        ['c', 2, 'api_key'],
        ['a', 9, 'password'],
      ] as const;
      for (const [s, t, label] of rows)
        made.push(await ctx.storage.annotations.save(annotationInput(ctx, v.id, s, t, { label })));
      await ctx.storage.annotations.save(annotationInput(ctx, other.id, 'x', 1));
      const listed = (await ctx.storage.annotations.listForVideo(v.id)).items;
      assert.deepEqual(
        listed,
        sortedBy(made, (a) => [a.timestamp, a.id]),
      );
      const keys = (await ctx.storage.annotations.listForVideo(v.id, { label: 'api_key' })).items;
      assert.deepEqual(ids(keys), [nsId(ctx, 'c'), nsId(ctx, 'd')]);
      assert.deepEqual((await ctx.storage.annotations.listForVideo(v.id, { label: 'absent' })).items, []);
    },
  },
  {
    name: 'annotations: inRange includes items exactly at start and end',
    async run(ctx) {
      const v = await seedVideo(ctx);
      for (const [s, t] of [
        ['lo-out', 4.999],
        ['lo', 5],
        ['mid', 7.25],
        ['hi', 10],
        ['hi-out', 10.001],
      ] as const) {
        await ctx.storage.annotations.save(annotationInput(ctx, v.id, s, t));
      }
      const hit = (await ctx.storage.annotations.inRange(v.id, 5, 10)).items;
      assert.deepEqual(ids(hit), [nsId(ctx, 'lo'), nsId(ctx, 'mid'), nsId(ctx, 'hi')]);
      const exact = (await ctx.storage.annotations.inRange(v.id, 10, 10)).items;
      assert.deepEqual(ids(exact), [nsId(ctx, 'hi')], 'a zero-width range holds the item exactly at it');
    },
  },
  {
    name: 'annotations: inRange with end < start is VALIDATION',
    async run(ctx) {
      const v = await seedVideo(ctx);
      await rejectsUnchanged(ctx, () => ctx.storage.annotations.inRange(v.id, 3, 2), 'VALIDATION');
    },
  },
  {
    name: 'annotations: delete returns true once, then false',
    async run(ctx) {
      const v = await seedVideo(ctx);
      const a = await ctx.storage.annotations.save(annotationInput(ctx, v.id, 'a'));
      const keep = await ctx.storage.annotations.save(annotationInput(ctx, v.id, 'keep'));
      assert.equal(await ctx.storage.annotations.delete(a.id), true);
      assert.equal(await ctx.storage.annotations.get(a.id), null);
      assert.equal(await ctx.storage.annotations.delete(a.id), false);
      assert.deepEqual(await ctx.storage.annotations.get(keep.id), keep);
      await assertRows(ctx, 'annotations', 1);
    },
  },
];
