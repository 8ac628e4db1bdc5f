import assert from 'node:assert/strict';
import { isStorageError } from '../../errors/storage-error.js';
import type { Job } from '../../schemas/job.js';
import type { StorageCase } from '../types.js';
import { detectionInput, nsId, seedTimeline, seedVideo, timelineInput, videoInput } from './builders.js';
import { assertRows } from './checks.js';

/** Cases of concurrent callers on one store. */
export const concurrencyCases: StorageCase[] = [
  {
    name: 'concurrency: claimNext from several workers at once claims each job exactly once',
    async run(ctx) {
      const { video, timeline } = await seedTimeline(ctx);
      for (let i = 0; i < 12; i++) {
        await ctx.storage.jobs.create({
          id: nsId(ctx, `j${String(i).padStart(2, '0')}`),
          videoId: video.id,
          timelineId: timeline.id,
        });
      }
      const claims = await Promise.all(
        Array.from({ length: 20 }, (_, i) => ctx.storage.jobs.claimNext(`worker-${i % 5}`)),
      );
      const won = claims.filter((c): c is Job => c !== null);
      assert.equal(won.length, 12, 'every job is claimed');
      assert.equal(new Set(won.map((j) => j.id)).size, 12, 'no job is claimed twice');
      assert.equal(claims.filter((c) => c === null).length, 8, 'the extra claims find nothing');
      for (const j of won) {
        const stored = await ctx.storage.jobs.get(j.id);
        assert.equal(stored?.status, 'running');
        assert.equal(stored?.workerId, j.workerId, 'the stored worker is the one that won');
      }
      assert.equal((await ctx.storage.jobs.listByStatus('pending')).items.length, 0);
    },
  },
  {
    name: 'concurrency: workers looping on claimNext share the jobs without duplicates',
    async run(ctx) {
      const { video, timeline } = await seedTimeline(ctx);
      for (let i = 0; i < 15; i++)
        await ctx.storage.jobs.create({ id: nsId(ctx, `j${i}`), videoId: video.id, timelineId: timeline.id });
      const worker = async (name: string) => {
        const done: string[] = [];
        // Bounded, so a backend that never marks a claim fails instead of looping forever.
        for (let round = 0; round < 50; round++) {
          const job = await ctx.storage.jobs.claimNext(name);
          if (!job) break;
          await ctx.storage.jobs.complete(job.id);
          done.push(job.id);
        }
        return done;
      };
      const results = await Promise.all(['a', 'b', 'c', 'd'].map(worker));
      const all = results.flat();
      assert.equal(all.length, 15);
      assert.equal(new Set(all).size, 15);
      assert.equal((await ctx.storage.jobs.listByStatus('completed')).items.length, 15);
    },
  },
  {
    name: 'concurrency: concurrent creates of one id: exactly one wins, the rest are ALREADY_EXISTS',
    async run(ctx) {
      const outcomes = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) =>
          ctx.storage.videos.create(videoInput(ctx, 'same', { fileKey: `videos/${ctx.ns}/${i}.mp4` })),
        ),
      );
      assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1);
      for (const o of outcomes) {
        if (o.status === 'rejected') assert.ok(isStorageError(o.reason, 'ALREADY_EXISTS'), String(o.reason));
      }
      await assertRows(ctx, 'videos', 1);
    },
  },
  {
    name: 'concurrency: concurrent creates and bulk inserts all land',
    async run(ctx) {
      await Promise.all(Array.from({ length: 30 }, (_, i) => seedVideo(ctx, `v${i}`)));
      await assertRows(ctx, 'videos', 30);
      await Promise.all(
        Array.from({ length: 5 }, (_, b) =>
          ctx.storage.detections.insertMany(
            Array.from({ length: 200 }, (_, i) => detectionInput(ctx, nsId(ctx, `v${b}`), `b${b}-${i}`, i)),
          ),
        ),
      );
      await assertRows(ctx, 'detections', 1000);
      assert.equal(await ctx.storage.detections.countForVideo(nsId(ctx, 'v3')), 200);
    },
  },
  {
    name: 'concurrency: concurrent saves of one timeline get distinct consecutive versions',
    async run(ctx) {
      const { video, timeline } = await seedTimeline(ctx);
      const saved = await Promise.all(
        Array.from({ length: 6 }, () => ctx.storage.timelines.save(timelineInput(ctx, video.id))),
      );
      assert.deepEqual(
        saved.map((t) => t.version).sort((a, b) => a - b),
        [2, 3, 4, 5, 6, 7],
      );
      const versions = (await ctx.storage.timelines.versions(timeline.id)).items;
      assert.deepEqual(
        versions.map((v) => v.version),
        [7, 6, 5, 4, 3, 2, 1],
      );
      assert.deepEqual(
        versions.map((v) => v.status),
        ['draft', 'archived', 'archived', 'archived', 'archived', 'archived', 'archived'],
      );
    },
  },
];
