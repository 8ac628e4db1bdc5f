import assert from 'node:assert/strict';
import { rejectsWithCode } from '../assert.js';
import type { StorageCase } from '../types.js';
import { annotationInput, detectionInput, nsId, seedVideo, timelineInput, videoInput } from './builders.js';
import { assertRows, rowSnapshot } from './checks.js';

/** Cases of `storage.transaction`. */
export const transactionCases: StorageCase[] = [
  {
    name: 'transactions: writes through tx commit together and the result is returned',
    async run(ctx) {
      const result = await ctx.storage.transaction(async (tx) => {
        const v = await tx.videos.create(videoInput(ctx, 'v'));
        await tx.annotations.save(annotationInput(ctx, v.id, 'a'));
        await tx.detections.insertMany([detectionInput(ctx, v.id, 'd', 1)]);
        return v.id;
      });
      assert.equal(result, nsId(ctx, 'v'));
      assert.ok(await ctx.storage.videos.get(nsId(ctx, 'v')));
      assert.ok(await ctx.storage.annotations.get(nsId(ctx, 'a')));
      assert.ok(await ctx.storage.detections.get(nsId(ctx, 'd')));
    },
  },
  {
    name: 'transactions: tx repositories read their own writes',
    async run(ctx) {
      await ctx.storage.transaction(async (tx) => {
        await tx.videos.create(videoInput(ctx, 'v'));
        assert.equal((await tx.videos.get(nsId(ctx, 'v')))?.id, nsId(ctx, 'v'));
        await tx.timelines.save(timelineInput(ctx, nsId(ctx, 'v')));
        const t2 = await tx.timelines.save(timelineInput(ctx, nsId(ctx, 'v')));
        assert.equal(t2.version, 2);
        assert.equal((await tx.timelines.load(t2.id, 1))?.status, 'archived');
      });
    },
  },
  {
    name: 'transactions: a throw rolls back every write and rethrows the same error',
    async run(ctx) {
      const kept = await seedVideo(ctx, 'kept', { metadata: { n: 1 } });
      const before = await rowSnapshot(ctx);
      const boom = new Error('boom');
      let caught: unknown;
      try {
        await ctx.storage.transaction(async (tx) => {
          const v = await tx.videos.create(videoInput(ctx, 'new'));
          await tx.annotations.save(annotationInput(ctx, v.id, 'a'));
          await tx.detections.insertMany([
            detectionInput(ctx, v.id, 'd1', 1),
            detectionInput(ctx, v.id, 'd2', 2),
          ]);
          await tx.timelines.save(timelineInput(ctx, v.id));
          await tx.models.register({
            id: nsId(ctx, 'm'),
            name: 'm',
            modelType: 'x',
            areaType: 'y',
            fileKey: `m/${ctx.ns}.bin`,
          });
          await tx.audit.append({ action: 'x', entityType: 'video', entityId: v.id });
          await tx.videos.updateMetadata(kept.id, { n: 2 });
          await tx.videos.delete(kept.id);
          throw boom;
        });
      } catch (err) {
        caught = err;
      }
      assert.equal(caught, boom, 'the callback error is rethrown as is');
      assert.deepEqual(await rowSnapshot(ctx), before, 'row counts are back');
      assert.deepEqual(await ctx.storage.videos.get(kept.id), kept, 'updates and deletes are undone');
      assert.equal(await ctx.storage.videos.get(nsId(ctx, 'new')), null);
      assert.equal(await ctx.storage.models.get(nsId(ctx, 'm')), null);
    },
  },
  {
    name: 'transactions: a StorageError inside rolls back the earlier writes of the transaction',
    async run(ctx) {
      const existing = await seedVideo(ctx, 'existing');
      await rejectsWithCode(
        ctx.storage.transaction(async (tx) => {
          await tx.videos.create(videoInput(ctx, 'first'));
          await tx.videos.create(videoInput(ctx, 'second', { fileKey: existing.fileKey }));
        }),
        'ALREADY_EXISTS',
      );
      assert.equal(await ctx.storage.videos.get(nsId(ctx, 'first')), null);
      await assertRows(ctx, 'videos', 1);
    },
  },
  {
    name: 'transactions: a nested transaction is CONFLICT; the outer one still commits',
    async run(ctx) {
      await ctx.storage.transaction(async (tx) => {
        await tx.videos.create(videoInput(ctx, 'outer'));
        await rejectsWithCode(
          ctx.storage.transaction(async (inner) => {
            await inner.videos.create(videoInput(ctx, 'inner'));
          }),
          'CONFLICT',
        );
      });
      assert.ok(await ctx.storage.videos.get(nsId(ctx, 'outer')));
      assert.equal(await ctx.storage.videos.get(nsId(ctx, 'inner')), null);
    },
  },
  {
    name: 'transactions: concurrent transactions are isolated: one commits, one rolls back',
    async run(ctx) {
      const results = await Promise.allSettled([
        ctx.storage.transaction(async (tx) => {
          await tx.videos.create(videoInput(ctx, 'ok-1'));
          await tx.videos.create(videoInput(ctx, 'ok-2'));
        }),
        ctx.storage.transaction(async (tx) => {
          await tx.videos.create(videoInput(ctx, 'bad-1'));
          await tx.videos.create(videoInput(ctx, 'bad-2'));
          throw new Error('rollback');
        }),
        ctx.storage.transaction(async (tx) => {
          await tx.videos.create(videoInput(ctx, 'ok-3'));
        }),
      ]);
      assert.deepEqual(
        results.map((r) => r.status),
        ['fulfilled', 'rejected', 'fulfilled'],
      );
      for (const s of ['ok-1', 'ok-2', 'ok-3']) assert.ok(await ctx.storage.videos.get(nsId(ctx, s)), s);
      for (const s of ['bad-1', 'bad-2']) assert.equal(await ctx.storage.videos.get(nsId(ctx, s)), null, s);
      await assertRows(ctx, 'videos', 3);
    },
  },
  {
    name: 'transactions: a failed insertMany inside a transaction rolls back with it',
    async run(ctx) {
      await rejectsWithCode(
        ctx.storage.transaction(async (tx) => {
          const v = await tx.videos.create(videoInput(ctx, 'v'));
          await tx.detections.insertMany([detectionInput(ctx, v.id, 'ok', 1)]);
          await tx.detections.insertMany([detectionInput(ctx, v.id, 'bad', 1, { confidence: -1 })]);
        }),
        'VALIDATION',
      );
      await assertRows(ctx, 'videos', 0);
      await assertRows(ctx, 'detections', 0);
    },
  },
];
