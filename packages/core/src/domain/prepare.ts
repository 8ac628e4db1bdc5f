import { parseOrThrow } from '../errors/from-zod.js';
import { newId, nowIso } from '../ids/new-id.js';
import { type Annotation, AnnotationInputSchema } from '../schemas/annotation.js';
import { type AuditEntry, AuditInputSchema } from '../schemas/audit.js';
import { type Detection, DetectionInputSchema } from '../schemas/detection.js';
import { type Job, JobInputSchema, type ParsedJobInput } from '../schemas/job.js';
import { type Model, ModelInputSchema } from '../schemas/model.js';
import { type Scene, SceneInputSchema } from '../schemas/scene.js';
import { type Timeline, TimelineInputSchema } from '../schemas/timeline.js';
import { type Video, VideoInputSchema } from '../schemas/video.js';

// Turning a caller's input into the full record is domain logic: it lives here once, and every
// backend (memory, SQLite, PostgreSQL, …) stores exactly what these functions return.

/** Validates a video input and completes it into a record. */
export function prepareVideo(input: unknown, now = nowIso()): Video {
  const v = parseOrThrow(VideoInputSchema, input, 'video');
  return { ...v, id: v.id ?? newId(), createdAt: now, updatedAt: now };
}

/** Validates a scene input and completes it into a record. */
export function prepareScene(input: unknown, now = nowIso()): Scene {
  const s = parseOrThrow(SceneInputSchema, input, 'scene');
  return { ...s, id: s.id ?? newId(), createdAt: now };
}

/** Validates an annotation input and completes it into a record (`createdAt` kept when replacing). */
export function prepareAnnotation(input: unknown, now = nowIso()): Annotation {
  const a = parseOrThrow(AnnotationInputSchema, input, 'annotation');
  return { ...a, id: a.id ?? newId(), createdAt: now };
}

/** Validates one detection input and completes it into a record; `index` names it in the error. */
export function prepareDetection(input: unknown, now = nowIso(), index?: number): Detection {
  const d = parseOrThrow(
    DetectionInputSchema,
    input,
    index === undefined ? 'detection' : `detection #${index}`,
  );
  return { ...d, id: d.id ?? newId(), reviewedBy: null, reviewedAt: null, createdAt: now };
}

/** Validates a timeline input and completes it into version `version` (a draft). */
export function prepareTimeline(input: unknown, version: number, now = nowIso()): Timeline {
  const t = parseOrThrow(TimelineInputSchema, input, 'timeline');
  return { ...t, id: t.id ?? newId(), version, status: 'draft', createdAt: now, updatedAt: now };
}

/** Completes a job input validated by {@link parseJobInput} into a pending job for `timelineVersion`. */
export function prepareJob(j: ParsedJobInput, timelineVersion: number, now = nowIso()): Job {
  return {
    id: j.id ?? newId(),
    videoId: j.videoId,
    timelineId: j.timelineId,
    timelineVersion,
    status: 'pending',
    progress: 0,
    outputKey: null,
    errorMessage: null,
    config: j.config,
    workerId: null,
    startedAt: null,
    completedAt: null,
    createdAt: now,
  };
}

/** Validates a job input (before its timeline version is looked up); `VALIDATION` when invalid. */
export function parseJobInput(input: unknown): ParsedJobInput {
  return parseOrThrow(JobInputSchema, input, 'job');
}

/** Validates a model input and completes it into a record. */
export function prepareModel(input: unknown, now = nowIso()): Model {
  const m = parseOrThrow(ModelInputSchema, input, 'model');
  return { ...m, id: m.id ?? newId(), createdAt: now, updatedAt: now };
}

/** Validates an audit input and completes it into an entry. */
export function prepareAudit(input: unknown, now = nowIso()): AuditEntry {
  const a = parseOrThrow(AuditInputSchema, input, 'audit entry');
  return { ...a, id: newId(), at: now };
}
