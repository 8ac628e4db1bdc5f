import { z } from 'zod';
import {
  FileKeySchema,
  IdSchema,
  JsonObjectSchema,
  LabelSchema,
  TextSchema,
  TimestampSchema,
} from './common.js';

/** Processing job states. */
export const JOB_STATUSES = ['pending', 'running', 'completed', 'failed', 'cancelled'] as const;
/** One state of a processing job. */
export type JobStatus = (typeof JOB_STATUSES)[number];

/** The legal job transitions; anything else is a `CONFLICT`. */
export const JOB_TRANSITIONS: Readonly<Record<JobStatus, readonly JobStatus[]>> = {
  pending: ['running', 'cancelled'],
  running: ['completed', 'failed', 'cancelled'],
  completed: [],
  failed: [],
  cancelled: [],
};

/** True when a job may move from `from` to `to`. */
export function canTransition(from: JobStatus, to: JobStatus): boolean {
  return JOB_TRANSITIONS[from].includes(to);
}

/** The message of a failed job: non-empty storable text of at most 100,000 characters. */
export const ErrorMessageSchema = TextSchema.min(1, 'must not be empty').max(100_000);
/** The name of the worker that claimed a job (non-empty). */
export const WorkerIdSchema = LabelSchema;

/** What a caller gives to create a job; the timeline version defaults to the latest. */
export const JobInputSchema = z.object({
  id: IdSchema.optional(),
  videoId: IdSchema,
  timelineId: IdSchema,
  timelineVersion: z.number().int().min(1).optional(),
  config: JsonObjectSchema.nullable().default(null),
});
/** A stored processing job (table `processing_jobs`). */
export const JobSchema = z.object({
  id: IdSchema,
  videoId: IdSchema,
  timelineId: IdSchema,
  timelineVersion: z.number().int().min(1),
  status: z.enum(JOB_STATUSES),
  progress: z.number().min(0).max(100),
  outputKey: FileKeySchema.nullable(),
  errorMessage: ErrorMessageSchema.nullable(),
  config: JsonObjectSchema.nullable(),
  workerId: WorkerIdSchema.nullable(),
  startedAt: TimestampSchema.nullable(),
  completedAt: TimestampSchema.nullable(),
  createdAt: TimestampSchema,
});
/** Progress in percent, 0 to 100. */
export const ProgressSchema = z.number().min(0, 'must be >= 0').max(100, 'must be <= 100');

/** What a caller gives to create a job (before defaults). */
export type JobInput = z.input<typeof JobInputSchema>;
/** A job input after validation and defaults. */
export type ParsedJobInput = z.output<typeof JobInputSchema>;
/** A stored job. */
export type Job = z.infer<typeof JobSchema>;
