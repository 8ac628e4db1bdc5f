import assert from 'node:assert/strict';
import type { Job, JobStatus } from '../../schemas/job.js';
import { rejectsWithCode } from '../assert.js';
import type { StorageCase, StorageCaseContext } from '../types.js';
import { jobInState, nsId, seedJob, seedTimeline, seedVideo, timelineInput } from './builders.js';
import { assertRows, assertTimestamp, ids, rejectsUnchanged, sortedBy } from './checks.js';

/** One job action, as the state machine cases drive it. */
type Action = 'complete' | 'fail' | 'cancel' | 'updateProgress';

/** Runs `action` on job `id`. */
function act(ctx: StorageCaseContext, action: Action, id: string): Promise<Job> {
  const jobs = ctx.storage.jobs;
  if (action === 'complete') return jobs.complete(id, { outputKey: `out/${ctx.ns}/x.mp4` });
  if (action === 'fail') return jobs.fail(id, 'boom');
  if (action === 'cancel') return jobs.cancel(id);
  return jobs.updateProgress(id, 50);
}

/** Every transition `JOB_TRANSITIONS` forbids, as (state, action) pairs. */
const ILLEGAL: [JobStatus, Action][] = [
  ['pending', 'complete'],
  ['pending', 'fail'],
  ['pending', 'updateProgress'],
  ...(['completed', 'failed', 'cancelled'] as const).flatMap((s) =>
    (['complete', 'fail', 'cancel', 'updateProgress'] as const).map((a): [JobStatus, Action] => [s, a]),
  ),
];

/** One case per illegal transition: `CONFLICT`, and the job unchanged. */
const illegalTransitionCases: StorageCase[] = ILLEGAL.map(([state, action]) => ({
  name: `jobs: ${action} of a ${state} job is CONFLICT and changes nothing`,
  async run(ctx) {
    const job = await jobInState(ctx, state);
    assert.equal(job.status, state, 'setup');
    await rejectsUnchanged(ctx, () => act(ctx, action, job.id), 'CONFLICT');
    assert.deepEqual(await ctx.storage.jobs.get(job.id), job);
  },
}));

/** Cases of `storage.jobs`. */
export const jobCases: StorageCase[] = [
  {
    name: 'jobs: create is pending on the latest timeline version with defaults',
    async run(ctx) {
      const { video, timeline } = await seedTimeline(ctx);
      await ctx.storage.timelines.save(timelineInput(ctx, video.id));
      const job = await ctx.storage.jobs.create({
        id: nsId(ctx, 'j'),
        videoId: video.id,
        timelineId: timeline.id,
      });
      assert.equal(job.status, 'pending');
      assert.equal(job.timelineVersion, 2);
      assert.equal(job.progress, 0);
      assert.equal(job.outputKey, null);
      assert.equal(job.errorMessage, null);
      assert.equal(job.config, null);
      assert.equal(job.workerId, null);
      assert.equal(job.startedAt, null);
      assert.equal(job.completedAt, null);
      assertTimestamp(job.createdAt, 'createdAt');
      assert.deepEqual(await ctx.storage.jobs.get(job.id), job);
      assert.equal(await ctx.storage.jobs.get(nsId(ctx, 'ghost')), null);
    },
  },
  {
    name: 'jobs: create on a given timeline version, with a config, round-trips',
    async run(ctx) {
      const { video, timeline } = await seedTimeline(ctx);
      await ctx.storage.timelines.save(timelineInput(ctx, video.id));
      const config = { codec: 'h265', crf: 23, passes: [1, 2], hw: null };
      const job = await ctx.storage.jobs.create({
        videoId: video.id,
        timelineId: timeline.id,
        timelineVersion: 1,
        config,
      });
      assert.equal(job.timelineVersion, 1);
      assert.deepEqual(job.config, config);
      assert.deepEqual(await ctx.storage.jobs.get(job.id), job);
    },
  },
  {
    name: 'jobs: a missing timeline, timeline version or video is CONSTRAINT',
    async run(ctx) {
      const { video, timeline } = await seedTimeline(ctx);
      const jobs = ctx.storage.jobs;
      await rejectsUnchanged(
        ctx,
        () => jobs.create({ videoId: video.id, timelineId: nsId(ctx, 'ghost') }),
        'CONSTRAINT',
      );
      await rejectsUnchanged(
        ctx,
        () => jobs.create({ videoId: video.id, timelineId: timeline.id, timelineVersion: 2 }),
        'CONSTRAINT',
      );
      await rejectsUnchanged(
        ctx,
        () => jobs.create({ videoId: nsId(ctx, 'ghost'), timelineId: timeline.id }),
        'CONSTRAINT',
      );
      await assertRows(ctx, 'processing_jobs', 0);
    },
  },
  {
    name: 'jobs: a timeline of another video is CONSTRAINT',
    async run(ctx) {
      const { timeline } = await seedTimeline(ctx);
      const other = await seedVideo(ctx, 'other');
      for (const timelineVersion of [undefined, 1]) {
        await rejectsUnchanged(
          ctx,
          () => ctx.storage.jobs.create({ videoId: other.id, timelineId: timeline.id, timelineVersion }),
          'CONSTRAINT',
          `timeline version ${timelineVersion ?? 'latest'}`,
        );
      }
      await assertRows(ctx, 'processing_jobs', 0);
    },
  },
  {
    name: 'jobs: a duplicate id is ALREADY_EXISTS',
    async run(ctx) {
      const { video, timeline, job } = await seedJob(ctx);
      await rejectsUnchanged(
        ctx,
        () => ctx.storage.jobs.create({ id: job.id, videoId: video.id, timelineId: timeline.id }),
        'ALREADY_EXISTS',
      );
    },
  },
  {
    name: 'jobs: claimNext takes the oldest pending job by (createdAt, id) and marks it running',
    async run(ctx) {
      const { video, timeline } = await seedTimeline(ctx);
      const made: Job[] = [];
      for (const s of ['c', 'a', 'b']) {
        made.push(
          await ctx.storage.jobs.create({ id: nsId(ctx, s), videoId: video.id, timelineId: timeline.id }),
        );
      }
      const order = ids(sortedBy(made, (j) => [j.createdAt, j.id]));
      const first = await ctx.storage.jobs.claimNext('worker-a');
      assert.ok(first);
      assert.equal(first.id, order[0]);
      assert.equal(first.status, 'running');
      assert.equal(first.workerId, 'worker-a');
      assertTimestamp(first.startedAt, 'startedAt');
      assert.deepEqual(await ctx.storage.jobs.get(first.id), first);
      assert.equal((await ctx.storage.jobs.claimNext('worker-b'))?.id, order[1]);
      assert.equal((await ctx.storage.jobs.claimNext('worker-c'))?.id, order[2]);
    },
  },
  {
    name: 'jobs: claimNext returns null when nothing is pending and skips cancelled jobs',
    async run(ctx) {
      assert.equal(await ctx.storage.jobs.claimNext('w'), null, 'empty store');
      const { job } = await seedJob(ctx);
      await ctx.storage.jobs.cancel(job.id);
      assert.equal(await ctx.storage.jobs.claimNext('w'), null, 'only a cancelled job');
      assert.equal((await ctx.storage.jobs.get(job.id))?.status, 'cancelled');
      await rejectsWithCode(ctx.storage.jobs.claimNext(''), 'VALIDATION');
    },
  },
  {
    name: 'jobs: updateProgress sets progress on a running job; out of range is VALIDATION',
    async run(ctx) {
      const job = await jobInState(ctx, 'running');
      assert.equal((await ctx.storage.jobs.updateProgress(job.id, 0)).progress, 0);
      assert.equal((await ctx.storage.jobs.updateProgress(job.id, 42.5)).progress, 42.5);
      assert.equal((await ctx.storage.jobs.updateProgress(job.id, 100)).progress, 100);
      await ctx.storage.jobs.updateProgress(job.id, 33.3);
      for (const bad of [-0.1, 100.01, Number.NaN]) {
        await rejectsWithCode(ctx.storage.jobs.updateProgress(job.id, bad), 'VALIDATION', String(bad));
      }
      const stored = await ctx.storage.jobs.get(job.id);
      assert.equal(stored?.progress, 33.3);
      assert.equal(stored?.status, 'running');
    },
  },
  {
    name: 'jobs: complete sets completed, progress 100, completedAt and outputKey',
    async run(ctx) {
      const job = await jobInState(ctx, 'running');
      await ctx.storage.jobs.updateProgress(job.id, 10);
      const done = await ctx.storage.jobs.complete(job.id, { outputKey: `out/${ctx.ns}/final.mp4` });
      assert.equal(done.status, 'completed');
      assert.equal(done.progress, 100);
      assert.equal(done.outputKey, `out/${ctx.ns}/final.mp4`);
      assertTimestamp(done.completedAt, 'completedAt');
      assert.equal(done.workerId, 'worker-1');
      assert.equal(done.startedAt, job.startedAt);
      assert.deepEqual(await ctx.storage.jobs.get(job.id), done);
    },
  },
  {
    name: 'jobs: complete without a result leaves outputKey null; a bad key is VALIDATION',
    async run(ctx) {
      const job = await jobInState(ctx, 'running');
      await rejectsUnchanged(
        ctx,
        () => ctx.storage.jobs.complete(job.id, { outputKey: '../escape.mp4' }),
        'VALIDATION',
      );
      assert.equal((await ctx.storage.jobs.get(job.id))?.status, 'running');
      const done = await ctx.storage.jobs.complete(job.id);
      assert.equal(done.outputKey, null);
      assert.equal(done.status, 'completed');
    },
  },
  {
    name: 'jobs: fail sets failed, the message and completedAt',
    async run(ctx) {
      const job = await jobInState(ctx, 'running');
      await rejectsWithCode(ctx.storage.jobs.fail(job.id, ''), 'VALIDATION', 'an empty message');
      const failed = await ctx.storage.jobs.fail(job.id, 'ffmpeg exited with code 1');
      assert.equal(failed.status, 'failed');
      assert.equal(failed.errorMessage, 'ffmpeg exited with code 1');
      assertTimestamp(failed.completedAt, 'completedAt');
      assert.deepEqual(await ctx.storage.jobs.get(job.id), failed);
    },
  },
  {
    name: 'jobs: cancel works from pending and from running',
    async run(ctx) {
      const pending = await jobInState(ctx, 'pending');
      assert.equal((await ctx.storage.jobs.cancel(pending.id)).status, 'cancelled');
      const running = await jobInState(ctx, 'running');
      const cancelled = await ctx.storage.jobs.cancel(running.id);
      assert.equal(cancelled.status, 'cancelled');
      assert.equal((await ctx.storage.jobs.get(running.id))?.status, 'cancelled');
    },
  },
  {
    name: 'jobs: actions on a missing job are NOT_FOUND',
    async run(ctx) {
      await seedJob(ctx);
      const ghost = nsId(ctx, 'ghost');
      for (const action of ['complete', 'fail', 'cancel', 'updateProgress'] as const) {
        await rejectsUnchanged(ctx, () => act(ctx, action, ghost), 'NOT_FOUND', action);
      }
    },
  },
  {
    name: 'jobs: listByStatus filters by status, ordered by (createdAt, id)',
    async run(ctx) {
      const { video, timeline } = await seedTimeline(ctx);
      const made: Job[] = [];
      for (const s of ['d', 'b', 'a', 'c']) {
        made.push(
          await ctx.storage.jobs.create({ id: nsId(ctx, s), videoId: video.id, timelineId: timeline.id }),
        );
      }
      await ctx.storage.jobs.cancel(nsId(ctx, 'b'));
      const pending = (await ctx.storage.jobs.listByStatus('pending')).items;
      const expected = sortedBy(
        made.filter((j) => j.id !== nsId(ctx, 'b')),
        (j) => [j.createdAt, j.id],
      );
      assert.deepEqual(ids(pending), ids(expected));
      assert.deepEqual(ids((await ctx.storage.jobs.listByStatus('cancelled')).items), [nsId(ctx, 'b')]);
      assert.deepEqual((await ctx.storage.jobs.listByStatus('failed')).items, []);
      await rejectsWithCode(ctx.storage.jobs.listByStatus('paused' as JobStatus), 'VALIDATION');
    },
  },
  {
    name: 'jobs: listForVideo holds the jobs of one video, ordered by (createdAt, id)',
    async run(ctx) {
      const a = await seedJob(ctx, 'a1');
      const a2 = await ctx.storage.jobs.create({
        id: nsId(ctx, 'a2'),
        videoId: a.video.id,
        timelineId: a.timeline.id,
      });
      await seedJob(ctx, 'b1');
      const listed = (await ctx.storage.jobs.listForVideo(a.video.id)).items;
      assert.deepEqual(
        listed,
        sortedBy([a.job, a2], (j) => [j.createdAt, j.id]),
      );
      assert.deepEqual((await ctx.storage.jobs.listForVideo(nsId(ctx, 'ghost'))).items, []);
    },
  },
  ...illegalTransitionCases,
];
