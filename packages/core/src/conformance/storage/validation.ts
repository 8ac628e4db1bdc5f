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
  videoInput,
} from './builders.js';
import { rejectsUnchanged } from './checks.js';

/** One invalid call: what is wrong, and how to make it on a store holding video `<ns>-v` and its timeline `<ns>-t`. */
interface InvalidCall {
  what: string;
  call(ctx: StorageCaseContext, videoId: string): Promise<unknown>;
}

const box = { x: 10, y: 20, width: 100, height: 50 };

const INVALID: InvalidCall[] = [
  // videos
  {
    what: 'a video with duration 0',
    call: (c) => c.storage.videos.create(videoInput(c, 'n', { duration: 0 })),
  },
  {
    what: 'a video with frameRate 0',
    call: (c) => c.storage.videos.create(videoInput(c, 'n', { frameRate: 0 })),
  },
  {
    what: 'a video with a negative width',
    call: (c) => c.storage.videos.create(videoInput(c, 'n', { width: -1 })),
  },
  {
    what: 'a video with a fractional height',
    call: (c) => c.storage.videos.create(videoInput(c, 'n', { height: 10.5 })),
  },
  {
    what: 'a video with a negative fileSize',
    call: (c) => c.storage.videos.create(videoInput(c, 'n', { fileSize: -1 })),
  },
  {
    what: 'a video with an empty filename',
    call: (c) => c.storage.videos.create(videoInput(c, 'n', { filename: '' })),
  },
  {
    what: 'a video with an absolute fileKey',
    call: (c) => c.storage.videos.create(videoInput(c, 'n', { fileKey: '/etc/passwd' })),
  },
  {
    what: 'a video with a ".." fileKey',
    call: (c) => c.storage.videos.create(videoInput(c, 'n', { fileKey: 'videos/../../x.mp4' })),
  },
  {
    what: 'a video with an uppercase checksum',
    call: (c) => c.storage.videos.create(videoInput(c, 'n', { checksum: 'A'.repeat(64) })),
  },
  { what: 'a video with an empty id', call: (c) => c.storage.videos.create(videoInput(c, 'n', { id: '' })) },
  {
    what: 'a video with a control character in its id',
    call: (c) => c.storage.videos.create(videoInput(c, 'n', { id: `${c.ns}\nx` })),
  },
  {
    what: 'a video with duration NaN',
    call: (c) => c.storage.videos.create(videoInput(c, 'n', { duration: Number.NaN })),
  },
  {
    what: 'a video with duration Infinity',
    call: (c) => c.storage.videos.create(videoInput(c, 'n', { duration: Number.POSITIVE_INFINITY })),
  },
  {
    what: 'a video without a fileKey',
    call: (c) => c.storage.videos.create({ ...videoInput(c, 'n'), fileKey: undefined } as never),
  },
  // scenes
  { what: 'a scene with end = start', call: (c, v) => c.storage.scenes.create(sceneInput(c, v, 's', 5, 5)) },
  { what: 'a scene with end < start', call: (c, v) => c.storage.scenes.create(sceneInput(c, v, 's', 5, 4)) },
  {
    what: 'a scene with a negative start',
    call: (c, v) => c.storage.scenes.create(sceneInput(c, v, 's', -1, 4)),
  },
  {
    what: 'a scene of an unknown type',
    call: (c, v) => c.storage.scenes.create(sceneInput(c, v, 's', 0, 1, { sceneType: 'browser' as never })),
  },
  {
    what: 'a scene of an unknown priority',
    call: (c, v) => c.storage.scenes.create(sceneInput(c, v, 's', 0, 1, { priority: 'urgent' as never })),
  },
  // annotations
  {
    what: 'an annotation with bbox width 0',
    call: (c, v) => c.storage.annotations.save(annotationInput(c, v, 'a', 1, { bbox: { ...box, width: 0 } })),
  },
  {
    what: 'an annotation with bbox height 0',
    call: (c, v) =>
      c.storage.annotations.save(annotationInput(c, v, 'a', 1, { bbox: { ...box, height: 0 } })),
  },
  {
    what: 'an annotation with a negative bbox width',
    call: (c, v) =>
      c.storage.annotations.save(annotationInput(c, v, 'a', 1, { bbox: { ...box, width: -5 } })),
  },
  {
    what: 'an annotation with bbox x < 0',
    call: (c, v) => c.storage.annotations.save(annotationInput(c, v, 'a', 1, { bbox: { ...box, x: -1 } })),
  },
  {
    what: 'an annotation with bbox y < 0',
    call: (c, v) => c.storage.annotations.save(annotationInput(c, v, 'a', 1, { bbox: { ...box, y: -1 } })),
  },
  {
    what: 'an annotation with a fractional bbox x',
    call: (c, v) => c.storage.annotations.save(annotationInput(c, v, 'a', 1, { bbox: { ...box, x: 1.5 } })),
  },
  {
    what: 'an annotation with confidence > 1',
    call: (c, v) => c.storage.annotations.save(annotationInput(c, v, 'a', 1, { confidence: 1.0001 })),
  },
  {
    what: 'an annotation with confidence < 0',
    call: (c, v) => c.storage.annotations.save(annotationInput(c, v, 'a', 1, { confidence: -0.1 })),
  },
  {
    what: 'an annotation with an empty label',
    call: (c, v) => c.storage.annotations.save(annotationInput(c, v, 'a', 1, { label: '' })),
  },
  {
    what: 'an annotation with a negative timestamp',
    call: (c, v) => c.storage.annotations.save(annotationInput(c, v, 'a', -0.5)),
  },
  {
    what: 'an annotation with a negative frame number',
    call: (c, v) => c.storage.annotations.save(annotationInput(c, v, 'a', 1, { frameNumber: -1 })),
  },
  {
    what: 'an annotation with a backslash imageKey',
    call: (c, v) => c.storage.annotations.save(annotationInput(c, v, 'a', 1, { imageKey: 'frames\\1.png' })),
  },
  // detections
  {
    what: 'a detection with confidence > 1',
    call: (c, v) => c.storage.detections.insertMany([detectionInput(c, v, 'd', 1, { confidence: 2 })]),
  },
  {
    what: 'a detection with bbox height 0',
    call: (c, v) =>
      c.storage.detections.insertMany([
        detectionInput(c, v, 'd', 1, { bbox: { x: 0, y: 0, width: 1, height: 0 } }),
      ]),
  },
  {
    what: 'a detection with a negative frame number',
    call: (c, v) => c.storage.detections.insertMany([detectionInput(c, v, 'd', 1, { frameNumber: -1 })]),
  },
  {
    what: 'a detection with an empty detector type',
    call: (c, v) => c.storage.detections.insertMany([detectionInput(c, v, 'd', 1, { detectorType: '' })]),
  },
  // timelines
  {
    what: 'a timeline with videoDuration 0',
    call: (c, v) =>
      c.storage.timelines.save(
        timelineInput(c, v, 't', { data: { videoDuration: 0, frameRate: 30, blurRegions: [] } }),
      ),
  },
  {
    what: 'a timeline region with end <= start',
    call: (c, v) =>
      c.storage.timelines.save(
        timelineInput(c, v, 't', {
          data: {
            videoDuration: 10,
            frameRate: 30,
            blurRegions: [{ id: 'r', startTime: 2, endTime: 2, bbox: box }],
          },
        }),
      ),
  },
  {
    what: 'a timeline region with blur strength 0',
    call: (c, v) =>
      c.storage.timelines.save(
        timelineInput(c, v, 't', {
          data: {
            videoDuration: 10,
            frameRate: 30,
            blurRegions: [{ id: 'r', startTime: 1, endTime: 2, bbox: box, blurStrength: 0 }],
          },
        }),
      ),
  },
  {
    what: 'a timeline region of an unknown blur type',
    call: (c, v) =>
      c.storage.timelines.save(
        timelineInput(c, v, 't', {
          data: {
            videoDuration: 10,
            frameRate: 30,
            blurRegions: [{ id: 'r', startTime: 1, endTime: 2, bbox: box, blurType: 'swirl' as never }],
          },
        }),
      ),
  },
  {
    what: 'a timeline without data',
    call: (c, v) => c.storage.timelines.save({ ...timelineInput(c, v, 't'), data: undefined } as never),
  },
  // jobs
  {
    what: 'a job with timeline version 0',
    call: (c, v) => c.storage.jobs.create({ videoId: v, timelineId: nsId(c, 't'), timelineVersion: 0 }),
  },
  // models and audit
  {
    what: 'a model with an empty name',
    call: (c) => c.storage.models.register(modelInput(c, 'm', { name: '' })),
  },
  {
    what: 'a model with a negative training data count',
    call: (c) => c.storage.models.register(modelInput(c, 'm', { trainingDataCount: -1 })),
  },
  {
    what: 'a model with an absolute fileKey',
    call: (c) => c.storage.models.register(modelInput(c, 'm', { fileKey: '/models/x.onnx' })),
  },
  // text every backend stores exactly (no NUL, no lone surrogate) and 32-bit integers
  {
    what: 'an annotation with NUL in its label',
    call: (c, v) => c.storage.annotations.save(annotationInput(c, v, 'a', 1, { label: 'api\u0000key' })),
  },
  {
    what: 'a video with a lone surrogate in its id',
    call: (c) => c.storage.videos.create(videoInput(c, 'n', { id: `${c.ns}-\ud800` })),
  },
  {
    what: 'a video with a lone low surrogate in its filename',
    call: (c) => c.storage.videos.create(videoInput(c, 'n', { filename: 'x\udc00.mp4' })),
  },
  {
    what: 'a video with a lone surrogate in its fileKey',
    call: (c) => c.storage.videos.create(videoInput(c, 'n', { fileKey: `videos/${c.ns}/\ud83c.mp4` })),
  },
  {
    what: 'a video with NUL in a metadata string',
    call: (c) => c.storage.videos.create(videoInput(c, 'n', { metadata: { note: 'a\u0000b' } })),
  },
  {
    what: 'a video with a lone surrogate in a nested metadata key',
    call: (c) => c.storage.videos.create(videoInput(c, 'n', { metadata: { deep: [{ '\udfff': 1 }] } })),
  },
  {
    what: 'a video metadata patch with NUL in a string',
    call: (c, v) => c.storage.videos.updateMetadata(v, { note: '\u0000' }),
  },
  {
    what: 'a video 2^31 pixels wide',
    call: (c) => c.storage.videos.create(videoInput(c, 'n', { width: 2 ** 31 })),
  },
  {
    what: 'a scene with NUL in its description',
    call: (c, v) => c.storage.scenes.create(sceneInput(c, v, 's', 0, 1, { description: 'a\u0000' })),
  },
  {
    what: 'an annotation with bbox x = 2^40',
    call: (c, v) =>
      c.storage.annotations.save(
        annotationInput(c, v, 'a', 1, { bbox: { x: 2 ** 40, y: 0, width: 1, height: 1 } }),
      ),
  },
  {
    what: 'an annotation with frameNumber 2^31',
    call: (c, v) => c.storage.annotations.save(annotationInput(c, v, 'a', 1, { frameNumber: 2 ** 31 })),
  },
  {
    what: 'a detection with NUL in its detector type',
    call: (c, v) =>
      c.storage.detections.insertMany([detectionInput(c, v, 'd', 1, { detectorType: 'o\u0000cr' })]),
  },
  {
    what: 'a detection with a lone surrogate in a flat metadata string',
    call: (c, v) =>
      c.storage.detections.insertMany([detectionInput(c, v, 'd', 1, { metadata: { text: '\ud800' } })]),
  },
  {
    what: 'a detection with bbox x = -2^40',
    call: (c, v) =>
      c.storage.detections.insertMany([
        detectionInput(c, v, 'd', 1, { bbox: { x: -(2 ** 40), y: 0, width: 1, height: 1 } }),
      ]),
  },
  {
    what: 'a detection with frameNumber 2^31',
    call: (c, v) => c.storage.detections.insertMany([detectionInput(c, v, 'd', 1, { frameNumber: 2 ** 31 })]),
  },
  {
    what: 'a timeline with a lone surrogate in its name',
    call: (c, v) => c.storage.timelines.save(timelineInput(c, v, 't2', { name: '\udc00' })),
  },
  {
    what: 'a job config with NUL in a string',
    call: (c, v) =>
      c.storage.jobs.create({ videoId: v, timelineId: nsId(c, 't'), config: { arg: '\u0000' } }),
  },
  {
    what: 'a model with 2^31 training samples',
    call: (c) => c.storage.models.register(modelInput(c, 'm', { trainingDataCount: 2 ** 31 })),
  },
  {
    what: 'an audit entry with NUL in its actor',
    call: (c) =>
      c.storage.audit.append({ actor: 'a\u0000', action: 'x', entityType: 'video', entityId: nsId(c, 'v') }),
  },
  // arguments
  { what: 'get with an empty id', call: (c) => c.storage.videos.get('') },
  { what: 'get with a non-string id', call: (c) => c.storage.scenes.get(42 as unknown as string) },
  { what: 'a detection range with a negative start', call: (c, v) => c.storage.detections.inRange(v, -1, 5) },
  { what: 'a detection range with end < start', call: (c, v) => c.storage.detections.inRange(v, 5, 4.999) },
  {
    what: 'a video metadata patch that is not JSON',
    call: (c, v) => c.storage.videos.updateMetadata(v, { f: () => 1 } as never),
  },
];

/** One case per invalid input: `VALIDATION`, and no table changes. */
export const validationCases: StorageCase[] = INVALID.map((bad) => ({
  name: `validation: ${bad.what} is VALIDATION and changes nothing`,
  async run(ctx) {
    const video = await seedVideo(ctx, 'v');
    await ctx.storage.timelines.save(timelineInput(ctx, video.id, 't'));
    const err = await rejectsUnchanged(ctx, () => bad.call(ctx, video.id), 'VALIDATION', bad.what);
    assert.ok(err.message.length > 0, 'the error says what was wrong');
    assert.deepEqual(await ctx.storage.videos.get(nsId(ctx, 'v')), video, 'the existing video is untouched');
  },
}));
