import assert from 'node:assert/strict';
import type { StorageCase } from '../types.js';
import { modelInput, nsId } from './builders.js';
import { assertRows, assertTimestamp, ids, rejectsUnchanged, sortedBy } from './checks.js';

/** Cases of `storage.models`. */
export const modelCases: StorageCase[] = [
  {
    name: 'models: register fills defaults and get returns the same record',
    async run(ctx) {
      const m = await ctx.storage.models.register(modelInput(ctx));
      assert.equal(m.version, '1.0');
      assert.equal(m.trainingDataCount, 0);
      assert.equal(m.accuracyMetrics, null);
      assert.deepEqual(m.metadata, {});
      assertTimestamp(m.createdAt, 'createdAt');
      assert.equal(m.updatedAt, m.createdAt);
      assert.deepEqual(await ctx.storage.models.get(m.id), m);
      assert.equal(await ctx.storage.models.get(nsId(ctx, 'ghost')), null);
    },
  },
  {
    name: 'models: every given field round-trips exactly',
    async run(ctx) {
      const input = modelInput(ctx, 'full', {
        version: '2.1.0-rc1',
        trainingDataCount: 12_345,
        accuracyMetrics: { precision: 0.93, recall: 0.871, f1: [0.9, 0.91] },
        metadata: { framework: 'onnx' },
      });
      const m = await ctx.storage.models.register(input);
      for (const [k, v] of Object.entries(input)) assert.deepEqual(m[k as keyof typeof m], v, k);
      assert.deepEqual(await ctx.storage.models.get(m.id), m);
    },
  },
  {
    name: 'models: a duplicate id is ALREADY_EXISTS',
    async run(ctx) {
      const m = await ctx.storage.models.register(modelInput(ctx));
      await rejectsUnchanged(
        ctx,
        () => ctx.storage.models.register(modelInput(ctx, 'm', { name: 'other' })),
        'ALREADY_EXISTS',
      );
      assert.deepEqual(await ctx.storage.models.get(m.id), m);
    },
  },
  {
    name: 'models: find filters by type and area, ordered by (createdAt, id)',
    async run(ctx) {
      const made = [];
      for (const [s, modelType, areaType] of [
        ['d', 'yolo', 'terminal'],
        ['b', 'yolo', 'browser'],
        ['a', 'ocr', 'terminal'],
        ['c', 'yolo', 'terminal'],
      ] as const) {
        made.push(await ctx.storage.models.register(modelInput(ctx, s, { modelType, areaType })));
      }
      assert.deepEqual(
        (await ctx.storage.models.find()).items,
        sortedBy(made, (m) => [m.createdAt, m.id]),
      );
      const yolo = (await ctx.storage.models.find({ modelType: 'yolo' })).items;
      assert.deepEqual(
        ids(yolo),
        ids(
          sortedBy(
            made.filter((m) => m.modelType === 'yolo'),
            (m) => [m.createdAt, m.id],
          ),
        ),
      );
      const both = (await ctx.storage.models.find({ modelType: 'yolo', areaType: 'terminal' })).items;
      assert.deepEqual(ids(both).sort(), [nsId(ctx, 'c'), nsId(ctx, 'd')]);
      assert.deepEqual((await ctx.storage.models.find({ areaType: 'nowhere' })).items, []);
    },
  },
  {
    name: 'models: delete returns true once, then false',
    async run(ctx) {
      const m = await ctx.storage.models.register(modelInput(ctx));
      const keep = await ctx.storage.models.register(modelInput(ctx, 'keep'));
      assert.equal(await ctx.storage.models.delete(m.id), true);
      assert.equal(await ctx.storage.models.get(m.id), null);
      assert.equal(await ctx.storage.models.delete(m.id), false);
      assert.deepEqual(await ctx.storage.models.get(keep.id), keep);
      await assertRows(ctx, 'models', 1);
    },
  },
];
