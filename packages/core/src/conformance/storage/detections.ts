import assert from 'node:assert/strict';
import type { DetectionInput } from '../../schemas/detection.js';
import { rejectsWithCode } from '../assert.js';
import type { StorageCase, StorageCaseContext } from '../types.js';
import { detectionInput, nsId, seedVideo } from './builders.js';
import { assertRows, assertTimestamp, ids, listAll, rejectsUnchanged, sortedBy } from './checks.js';

/** `count` valid detections of `videoId`, timestamps spread over 0.1 s steps. */
function batch(ctx: StorageCaseContext, videoId: string, count: number, prefix = 'd'): DetectionInput[] {
  return Array.from({ length: count }, (_, i) =>
    detectionInput(ctx, videoId, `${prefix}${String(i).padStart(5, '0')}`, i / 10, {
      confidence: (i % 100) / 100,
    }),
  );
}

/** Cases of `storage.detections`. */
export const detectionCases: StorageCase[] = [
  {
    name: 'detections: insertMany returns the count and get returns defaults',
    async run(ctx) {
      const v = await seedVideo(ctx);
      const n = await ctx.storage.detections.insertMany([
        detectionInput(ctx, v.id, 'a', 1),
        detectionInput(ctx, v.id, 'b', 2, { needsReview: true, metadata: { text: 'sk-…' } }),
      ]);
      assert.equal(n, 2);
      const a = await ctx.storage.detections.get(nsId(ctx, 'a'));
      assert.ok(a);
      assert.equal(a.needsReview, false);
      assert.equal(a.reviewedBy, null);
      assert.equal(a.reviewedAt, null);
      assert.deepEqual(a.metadata, {});
      assert.deepEqual(a.bbox, { x: 5, y: 5, width: 40, height: 20 });
      assertTimestamp(a.createdAt, 'createdAt');
      const b = await ctx.storage.detections.get(nsId(ctx, 'b'));
      assert.equal(b?.needsReview, true);
      assert.deepEqual(b?.metadata, { text: 'sk-…' });
      assert.equal(await ctx.storage.detections.get(nsId(ctx, 'nope')), null);
      await assertRows(ctx, 'detections', 2);
    },
  },
  {
    name: 'detections: insertMany accepts an async iterable and generates missing ids',
    async run(ctx) {
      const v = await seedVideo(ctx);
      async function* source() {
        for (let i = 0; i < 25; i++) {
          const { id: _omit, ...rest } = detectionInput(ctx, v.id, `x${i}`, i);
          yield rest;
        }
      }
      assert.equal(await ctx.storage.detections.insertMany(source()), 25);
      const all = await listAll((p) => ctx.storage.detections.inRange(v.id, 0, 100, {}, p));
      assert.equal(all.length, 25);
      assert.equal(new Set(ids(all)).size, 25, 'generated ids are unique');
    },
  },
  {
    name: 'detections: insertMany of nothing inserts nothing',
    async run(ctx) {
      await seedVideo(ctx);
      assert.equal(await ctx.storage.detections.insertMany([]), 0);
      await assertRows(ctx, 'detections', 0);
    },
  },
  {
    name: 'detections: insertMany of 5,000 detections stores every one',
    timeoutMs: 120_000,
    async run(ctx) {
      const v = await seedVideo(ctx);
      const items = batch(ctx, v.id, 5000);
      assert.equal(await ctx.storage.detections.insertMany(items), 5000);
      assert.equal(await ctx.storage.detections.countForVideo(v.id), 5000);
      await assertRows(ctx, 'detections', 5000);
      const last = await ctx.storage.detections.get(nsId(ctx, 'd04999'));
      assert.equal(last?.timestamp, 4999 / 10);
      assert.equal(last?.confidence, 0.99);
    },
  },
  {
    name: 'detections: insertMany failing at item 4,321 of 5,000 leaves 0 rows and names the index',
    timeoutMs: 120_000,
    async run(ctx) {
      const v = await seedVideo(ctx);
      const items = batch(ctx, v.id, 5000);
      items[4321] = { ...(items[4321] as DetectionInput), confidence: 1.5 };
      const err = await rejectsUnchanged(ctx, () => ctx.storage.detections.insertMany(items), 'VALIDATION');
      assert.match(err.message, /4321/, 'the error names the index of the invalid item');
      assert.equal(await ctx.storage.detections.countForVideo(v.id), 0);
      await assertRows(ctx, 'detections', 0);
    },
  },
  {
    name: 'detections: insertMany with a missing video is CONSTRAINT and inserts none',
    async run(ctx) {
      const v = await seedVideo(ctx);
      const items = [...batch(ctx, v.id, 10), detectionInput(ctx, nsId(ctx, 'no-video'), 'orphan', 1)];
      await rejectsUnchanged(ctx, () => ctx.storage.detections.insertMany(items), 'CONSTRAINT');
      await assertRows(ctx, 'detections', 0);
    },
  },
  {
    name: 'detections: a duplicate id, in the batch or stored, is ALREADY_EXISTS and inserts none',
    async run(ctx) {
      const v = await seedVideo(ctx);
      const twice = [
        detectionInput(ctx, v.id, 'a', 1),
        detectionInput(ctx, v.id, 'b', 2),
        detectionInput(ctx, v.id, 'a', 3),
      ];
      await rejectsUnchanged(ctx, () => ctx.storage.detections.insertMany(twice), 'ALREADY_EXISTS');
      await ctx.storage.detections.insertMany([detectionInput(ctx, v.id, 'a', 1)]);
      await rejectsUnchanged(
        ctx,
        () =>
          ctx.storage.detections.insertMany([
            detectionInput(ctx, v.id, 'c', 1),
            detectionInput(ctx, v.id, 'a', 5),
          ]),
        'ALREADY_EXISTS',
      );
      assert.equal(await ctx.storage.detections.get(nsId(ctx, 'c')), null);
    },
  },
  {
    name: 'detections: insertMany of a non-iterable is VALIDATION',
    async run(ctx) {
      await seedVideo(ctx);
      for (const bad of [null, 42, { length: 1 }]) {
        await rejectsUnchanged(
          ctx,
          () => ctx.storage.detections.insertMany(bad as unknown as DetectionInput[]),
          'VALIDATION',
          JSON.stringify(bad),
        );
      }
    },
  },
  {
    name: 'detections: boxes may start outside the frame (negative x/y) but need a positive size',
    async run(ctx) {
      const v = await seedVideo(ctx);
      await ctx.storage.detections.insertMany([
        detectionInput(ctx, v.id, 'neg', 1, { bbox: { x: -12, y: -3, width: 5, height: 5 } }),
      ]);
      assert.deepEqual((await ctx.storage.detections.get(nsId(ctx, 'neg')))?.bbox, {
        x: -12,
        y: -3,
        width: 5,
        height: 5,
      });
      await rejectsUnchanged(
        ctx,
        () =>
          ctx.storage.detections.insertMany([
            detectionInput(ctx, v.id, 'w0', 1, { bbox: { x: 0, y: 0, width: 0, height: 5 } }),
          ]),
        'VALIDATION',
      );
    },
  },
  {
    name: 'detections: inRange includes items exactly at start and end, ordered by (timestamp, id)',
    async run(ctx) {
      const v = await seedVideo(ctx);
      const other = await seedVideo(ctx, 'other');
      const rows = [
        ['lo-out', 0.999],
        ['lo-b', 1],
        ['lo-a', 1],
        ['mid', 1.5],
        ['hi', 2],
        ['hi-out', 2.001],
      ] as const;
      await ctx.storage.detections.insertMany(rows.map(([s, t]) => detectionInput(ctx, v.id, s, t)));
      await ctx.storage.detections.insertMany([detectionInput(ctx, other.id, 'elsewhere', 1.5)]);
      const hit = (await ctx.storage.detections.inRange(v.id, 1, 2)).items;
      assert.deepEqual(
        ids(hit),
        ['lo-a', 'lo-b', 'mid', 'hi'].map((s) => nsId(ctx, s)),
      );
    },
  },
  {
    name: 'detections: inRange filters by detector type and minimum confidence (inclusive)',
    async run(ctx) {
      const v = await seedVideo(ctx);
      await ctx.storage.detections.insertMany([
        detectionInput(ctx, v.id, 'ocr-lo', 1, { detectorType: 'ocr', confidence: 0.49 }),
        detectionInput(ctx, v.id, 'ocr-eq', 2, { detectorType: 'ocr', confidence: 0.5 }),
        detectionInput(ctx, v.id, 'ocr-hi', 3, { detectorType: 'ocr', confidence: 0.99 }),
        detectionInput(ctx, v.id, 'face-hi', 4, { detectorType: 'face', confidence: 0.99 }),
      ]);
      const s = ctx.storage.detections;
      assert.deepEqual(
        ids((await s.inRange(v.id, 0, 10, { detectorType: 'ocr' })).items),
        ['ocr-lo', 'ocr-eq', 'ocr-hi'].map((x) => nsId(ctx, x)),
      );
      assert.deepEqual(
        ids((await s.inRange(v.id, 0, 10, { minConfidence: 0.5 })).items),
        ['ocr-eq', 'ocr-hi', 'face-hi'].map((x) => nsId(ctx, x)),
      );
      assert.deepEqual(
        ids((await s.inRange(v.id, 0, 10, { detectorType: 'face', minConfidence: 0.5 })).items),
        [nsId(ctx, 'face-hi')],
      );
      await rejectsWithCode(s.inRange(v.id, 0, 10, { minConfidence: 2 }), 'VALIDATION');
    },
  },
  {
    name: 'detections: reviewQueue lists flagged detections, for one video or all, ordered by (timestamp, id)',
    async run(ctx) {
      const v = await seedVideo(ctx, 'v');
      const w = await seedVideo(ctx, 'w');
      await ctx.storage.detections.insertMany([
        detectionInput(ctx, v.id, 'v-late', 9, { needsReview: true }),
        detectionInput(ctx, v.id, 'v-ok', 1),
        detectionInput(ctx, v.id, 'v-early', 2, { needsReview: true }),
        detectionInput(ctx, w.id, 'w-mid', 5, { needsReview: true }),
      ]);
      const one = (await ctx.storage.detections.reviewQueue(v.id)).items;
      assert.deepEqual(
        ids(one),
        ['v-early', 'v-late'].map((s) => nsId(ctx, s)),
      );
      const all = (await ctx.storage.detections.reviewQueue()).items;
      assert.deepEqual(
        ids(all),
        ['v-early', 'w-mid', 'v-late'].map((s) => nsId(ctx, s)),
      );
      assert.deepEqual(ids((await ctx.storage.detections.reviewQueue(null)).items), ids(all));
      assert.deepEqual(
        all,
        sortedBy(all, (d) => [d.timestamp, d.id]),
      );
    },
  },
  {
    name: 'detections: markReviewed clears the flag, records reviewer and time, counts existing ids',
    async run(ctx) {
      const v = await seedVideo(ctx);
      await ctx.storage.detections.insertMany([
        detectionInput(ctx, v.id, 'a', 1, { needsReview: true }),
        detectionInput(ctx, v.id, 'b', 2, { needsReview: true }),
        detectionInput(ctx, v.id, 'c', 3, { needsReview: true }),
      ]);
      const n = await ctx.storage.detections.markReviewed(
        [nsId(ctx, 'a'), nsId(ctx, 'b'), nsId(ctx, 'a'), nsId(ctx, 'ghost')],
        'bob',
      );
      assert.equal(n, 2, 'counts each existing detection once');
      const a = await ctx.storage.detections.get(nsId(ctx, 'a'));
      assert.equal(a?.needsReview, false);
      assert.equal(a?.reviewedBy, 'bob');
      assertTimestamp(a?.reviewedAt, 'reviewedAt');
      assert.deepEqual(ids((await ctx.storage.detections.reviewQueue(v.id)).items), [nsId(ctx, 'c')]);
      assert.equal(await ctx.storage.detections.markReviewed([], 'bob'), 0);
      await rejectsWithCode(ctx.storage.detections.markReviewed([nsId(ctx, 'c')], ''), 'VALIDATION');
      assert.equal((await ctx.storage.detections.get(nsId(ctx, 'c')))?.needsReview, true);
    },
  },
  {
    name: 'detections: countForVideo counts per video and 0 for an unknown video',
    async run(ctx) {
      const v = await seedVideo(ctx, 'v');
      const w = await seedVideo(ctx, 'w');
      await ctx.storage.detections.insertMany([...batch(ctx, v.id, 7, 'v'), ...batch(ctx, w.id, 3, 'w')]);
      assert.equal(await ctx.storage.detections.countForVideo(v.id), 7);
      assert.equal(await ctx.storage.detections.countForVideo(w.id), 3);
      assert.equal(await ctx.storage.detections.countForVideo(nsId(ctx, 'ghost')), 0);
    },
  },
];
