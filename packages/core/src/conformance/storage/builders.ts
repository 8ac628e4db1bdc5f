import type { AnnotationInput } from '../../schemas/annotation.js';
import type { DetectionInput } from '../../schemas/detection.js';
import type { Job } from '../../schemas/job.js';
import type { ModelInput } from '../../schemas/model.js';
import type { SceneInput } from '../../schemas/scene.js';
import type { Timeline, TimelineInput } from '../../schemas/timeline.js';
import type { Video, VideoInput } from '../../schemas/video.js';
import type { StorageCaseContext } from '../types.js';

// Valid inputs for every entity, with ids and keys under the case's namespace, so each case
// writes only what it names and builds invalid inputs by overriding one field.

/** The case-unique id `<ns>-<suffix>`. */
export function nsId(ctx: StorageCaseContext, suffix: string): string {
  return `${ctx.ns}-${suffix}`;
}

/** A valid video input. */
export function videoInput(
  ctx: StorageCaseContext,
  suffix = 'v',
  overrides: Partial<VideoInput> = {},
): VideoInput {
  return {
    id: nsId(ctx, suffix),
    filename: `${suffix}.mp4`,
    fileKey: `videos/${ctx.ns}/${suffix}.mp4`,
    duration: 120.5,
    frameRate: 30,
    width: 1920,
    height: 1080,
    fileSize: 1_048_576,
    ...overrides,
  };
}

/** Registers a valid video. */
export function seedVideo(
  ctx: StorageCaseContext,
  suffix = 'v',
  overrides: Partial<VideoInput> = {},
): Promise<Video> {
  return ctx.storage.videos.create(videoInput(ctx, suffix, overrides));
}

/** A valid scene input over [start, end]. */
export function sceneInput(
  ctx: StorageCaseContext,
  videoId: string,
  suffix: string,
  start = 0,
  end = 10,
  overrides: Partial<SceneInput> = {},
): SceneInput {
  return {
    id: nsId(ctx, suffix),
    videoId,
    startTime: start,
    endTime: end,
    sceneType: 'terminal',
    ...overrides,
  };
}

/** A valid annotation input at `timestamp`. */
export function annotationInput(
  ctx: StorageCaseContext,
  videoId: string,
  suffix: string,
  timestamp = 1,
  overrides: Partial<AnnotationInput> = {},
): AnnotationInput {
  return {
    id: nsId(ctx, suffix),
    videoId,
    timestamp,
    bbox: { x: 10, y: 20, width: 100, height: 50 },
    label: 'api_key',
    ...overrides,
  };
}

/** A valid detection input at `timestamp`. */
export function detectionInput(
  ctx: StorageCaseContext,
  videoId: string,
  suffix: string,
  timestamp = 1,
  overrides: Partial<DetectionInput> = {},
): DetectionInput {
  return {
    id: nsId(ctx, suffix),
    videoId,
    timestamp,
    frameNumber: Math.round(timestamp * 30),
    detectorType: 'ocr',
    bbox: { x: 5, y: 5, width: 40, height: 20 },
    confidence: 0.9,
    ...overrides,
  };
}

/** A valid timeline input with one blur region. */
export function timelineInput(
  ctx: StorageCaseContext,
  videoId: string,
  suffix = 'tl',
  overrides: Partial<TimelineInput> = {},
): TimelineInput {
  return {
    id: nsId(ctx, suffix),
    videoId,
    name: 'main',
    data: {
      videoDuration: 120.5,
      frameRate: 30,
      blurRegions: [{ id: 'r1', startTime: 1, endTime: 2.5, bbox: { x: 0, y: 0, width: 64, height: 32 } }],
    },
    ...overrides,
  };
}

/** A valid model input. */
export function modelInput(
  ctx: StorageCaseContext,
  suffix = 'm',
  overrides: Partial<ModelInput> = {},
): ModelInput {
  return {
    id: nsId(ctx, suffix),
    name: `detector ${suffix}`,
    modelType: 'yolo',
    areaType: 'terminal',
    fileKey: `models/${ctx.ns}/${suffix}.onnx`,
    ...overrides,
  };
}

/** A video with one saved timeline (version 1). */
export async function seedTimeline(
  ctx: StorageCaseContext,
  suffix = 'tl',
): Promise<{ video: Video; timeline: Timeline }> {
  const video = await seedVideo(ctx, `${suffix}-video`);
  const timeline = await ctx.storage.timelines.save(timelineInput(ctx, video.id, suffix));
  return { video, timeline };
}

/** A video, a timeline and a pending job on it. */
export async function seedJob(
  ctx: StorageCaseContext,
  suffix = 'job',
): Promise<{ video: Video; timeline: Timeline; job: Job }> {
  const { video, timeline } = await seedTimeline(ctx, `${suffix}-tl`);
  const job = await ctx.storage.jobs.create({
    id: nsId(ctx, suffix),
    videoId: video.id,
    timelineId: timeline.id,
  });
  return { video, timeline, job };
}

/** A job brought into `state` through the contract (the store holds no other pending job). */
export async function jobInState(ctx: StorageCaseContext, state: Job['status']): Promise<Job> {
  const { job } = await seedJob(ctx, `job-${state}`);
  const s = ctx.storage.jobs;
  if (state === 'pending') return job;
  if (state === 'cancelled') return s.cancel(job.id);
  const claimed = await s.claimNext('worker-1');
  if (claimed?.id !== job.id) throw new Error(`setup: expected to claim ${job.id}`);
  if (state === 'running') return claimed;
  if (state === 'completed') return s.complete(job.id, { outputKey: `out/${ctx.ns}/done.mp4` });
  return s.fail(job.id, 'setup failure');
}
