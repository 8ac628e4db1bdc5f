import assert from 'node:assert/strict';
import type { StorageCase } from '../types.js';
import { nsId, sceneInput, seedVideo } from './builders.js';
import { assertRows, assertTimestamp, ids, rejectsUnchanged, sortedBy } from './checks.js';

/** Cases of `storage.scenes`. */
export const sceneCases: StorageCase[] = [
  {
    name: 'scenes: create fills defaults and get returns the same record',
    async run(ctx) {
      const v = await seedVideo(ctx);
      const scene = await ctx.storage.scenes.create(sceneInput(ctx, v.id, 's', 1.5, 9.25));
      assert.equal(scene.priority, 'medium');
      assert.equal(scene.description, null);
      assert.deepEqual(scene.metadata, {});
      assert.equal(scene.startTime, 1.5);
      assert.equal(scene.endTime, 9.25);
      assertTimestamp(scene.createdAt, 'createdAt');
      assert.deepEqual(await ctx.storage.scenes.get(scene.id), scene);
      assert.equal(await ctx.storage.scenes.get(nsId(ctx, 'nope')), null);
    },
  },
  {
    name: 'scenes: every scene type and priority is accepted',
    async run(ctx) {
      const v = await seedVideo(ctx);
      const types = ['chatgpt', 'atuin', 'terminal', 'custom'] as const;
      const priorities = ['low', 'medium', 'high'] as const;
      let i = 0;
      for (const sceneType of types) {
        for (const priority of priorities) {
          const s = await ctx.storage.scenes.create(
            sceneInput(ctx, v.id, `s${i}`, i, i + 1, {
              sceneType,
              priority,
              description: `${sceneType}/${priority}`,
            }),
          );
          assert.equal(s.sceneType, sceneType);
          assert.equal(s.priority, priority);
          i++;
        }
      }
      await assertRows(ctx, 'scenes', 12);
    },
  },
  {
    name: 'scenes: a missing video is CONSTRAINT',
    async run(ctx) {
      await seedVideo(ctx);
      await rejectsUnchanged(
        ctx,
        () => ctx.storage.scenes.create(sceneInput(ctx, nsId(ctx, 'no-video'), 's')),
        'CONSTRAINT',
      );
    },
  },
  {
    name: 'scenes: a duplicate id is ALREADY_EXISTS',
    async run(ctx) {
      const v = await seedVideo(ctx);
      const first = await ctx.storage.scenes.create(sceneInput(ctx, v.id, 's'));
      await rejectsUnchanged(
        ctx,
        () => ctx.storage.scenes.create(sceneInput(ctx, v.id, 's', 50, 60)),
        'ALREADY_EXISTS',
      );
      assert.deepEqual(await ctx.storage.scenes.get(first.id), first);
    },
  },
  {
    name: 'scenes: listForVideo is ordered by (startTime, id) and holds only that video',
    async run(ctx) {
      const v = await seedVideo(ctx, 'v');
      const other = await seedVideo(ctx, 'other');
      const made = [];
      for (const [suffix, start] of [
        ['d', 30],
        ['b', 5],
        ['c', 5],
        ['a', 12.5],
      ] as const) {
        made.push(await ctx.storage.scenes.create(sceneInput(ctx, v.id, suffix, start, start + 1)));
      }
      await ctx.storage.scenes.create(sceneInput(ctx, other.id, 'x', 0, 1));
      const listed = (await ctx.storage.scenes.listForVideo(v.id)).items;
      assert.deepEqual(
        listed,
        sortedBy(made, (s) => [s.startTime, s.id]),
      );
      assert.deepEqual(ids(listed), [nsId(ctx, 'b'), nsId(ctx, 'c'), nsId(ctx, 'a'), nsId(ctx, 'd')]);
    },
  },
  {
    name: 'scenes: overlapping includes scenes touching either bound and excludes the rest',
    async run(ctx) {
      const v = await seedVideo(ctx);
      const spans = [
        ['before', 0, 9.5],
        ['touch-start', 0, 10],
        ['inside', 12, 15],
        ['touch-end', 20, 30],
        ['around', 5, 25],
        ['after', 20.5, 40],
      ] as const;
      for (const [s, a, b] of spans) await ctx.storage.scenes.create(sceneInput(ctx, v.id, s, a, b));
      const hit = (await ctx.storage.scenes.overlapping(v.id, 10, 20)).items;
      assert.deepEqual(
        ids(hit).sort(),
        ['around', 'inside', 'touch-end', 'touch-start'].map((s) => nsId(ctx, s)).sort(),
      );
      assert.deepEqual(
        hit,
        sortedBy(hit, (s) => [s.startTime, s.id]),
        'ordered by (startTime, id)',
      );
      const point = (await ctx.storage.scenes.overlapping(v.id, 10, 10)).items;
      assert.deepEqual(ids(point).sort(), ['around', 'touch-start'].map((s) => nsId(ctx, s)).sort());
    },
  },
  {
    name: 'scenes: overlapping with end < start is VALIDATION',
    async run(ctx) {
      const v = await seedVideo(ctx);
      await rejectsUnchanged(ctx, () => ctx.storage.scenes.overlapping(v.id, 20, 10), 'VALIDATION');
      await rejectsUnchanged(ctx, () => ctx.storage.scenes.overlapping(v.id, -1, 10), 'VALIDATION');
    },
  },
  {
    name: 'scenes: delete returns true once, then false',
    async run(ctx) {
      const v = await seedVideo(ctx);
      const s = await ctx.storage.scenes.create(sceneInput(ctx, v.id, 's'));
      assert.equal(await ctx.storage.scenes.delete(s.id), true);
      assert.equal(await ctx.storage.scenes.get(s.id), null);
      assert.equal(await ctx.storage.scenes.delete(s.id), false);
      assert.ok(await ctx.storage.videos.get(v.id), 'the video stays');
      await assertRows(ctx, 'scenes', 0);
    },
  },
];
