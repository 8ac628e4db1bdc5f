import { z } from 'zod';
import { parseOrThrow } from '../errors/from-zod.js';
import { StorageError } from '../errors/storage-error.js';
import { IdSchema, LabelSchema } from '../schemas/common.js';
import { JOB_STATUSES, type JobStatus, ProgressSchema } from '../schemas/job.js';

// Arguments of repository methods are boundaries too: they are checked here once for every backend.

const RangeSchema = z
  .object({ start: z.number().min(0), end: z.number().min(0) })
  .refine((r) => r.end >= r.start, { message: 'must be >= start', path: ['end'] });

/** Validates an inclusive time range [start, end] in seconds. */
export function checkRange(start: unknown, end: unknown): { start: number; end: number } {
  return parseOrThrow(RangeSchema, { start, end }, 'time range');
}

/** Validates a record id argument. */
export function checkId(id: unknown, what = 'id'): string {
  return parseOrThrow(IdSchema, id, what);
}

/** Validates a job status argument. */
export function checkJobStatus(status: unknown): JobStatus {
  return parseOrThrow(z.enum(JOB_STATUSES), status, 'job status');
}

/** Validates a progress percentage. */
export function checkProgress(progress: unknown): number {
  return parseOrThrow(ProgressSchema, progress, 'progress');
}

/** Validates an optional version argument (a positive integer). */
export function checkVersion(version: unknown): number | undefined {
  if (version === undefined) return undefined;
  return parseOrThrow(z.number().int().min(1), version, 'timeline version');
}

/** Validates a non-empty actor or worker name. */
export function checkName(name: unknown, what: string): string {
  return parseOrThrow(LabelSchema, name, what);
}

/** A `CONFLICT` error for an illegal state transition. */
export function illegalTransition(entity: string, id: string, from: string, to: string): StorageError {
  return new StorageError('CONFLICT', `${entity} ${JSON.stringify(id)} cannot go from ${from} to ${to}`, {
    details: { entity, id, from, to },
  });
}

/** A `CONFLICT` error for a progress update of a job that is not running. */
export function notRunning(id: string, status: string): StorageError {
  return new StorageError(
    'CONFLICT',
    `job ${JSON.stringify(id)} is ${status}, not running: only a running job takes progress updates, so claim the job first (claimNext)`,
    { details: { entity: 'job', id, from: status, to: 'running' } },
  );
}

/**
 * A `CONSTRAINT` error unless a referenced parent belongs to the same video as the record naming it
 * (a job's timeline, an annotation's scene): a record never links two videos.
 */
export function assertSameVideo(
  entity: string,
  parent: string,
  parentId: string,
  parentVideoId: string,
  videoId: string,
): void {
  if (parentVideoId === videoId) return;
  throw new StorageError(
    'CONSTRAINT',
    `${entity} of video ${JSON.stringify(videoId)} references ${parent} ${JSON.stringify(parentId)} of video ${JSON.stringify(parentVideoId)}: use a ${parent} of the same video`,
    { details: { entity, parent, id: parentId, videoId, parentVideoId } },
  );
}
