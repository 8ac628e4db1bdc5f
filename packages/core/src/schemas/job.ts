import { z } from 'zod';
import { FileKeySchema, IdSchema, JsonSchema, TimestampSchema } from './common.js';

/** Processing job states. */
export const JOB_STATUSES = ['pending', 'running', 'completed', 'failed', 'cancelled'] as const;
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

/** What a caller gives to create a job; the timeline version defaults to the latest. */
export const JobInputSchema = z.object({
  id: IdSchema.optional(),
  videoId: IdSchema,
  timelineId: IdSchema,
  timelineVersion: z.number().int().min(1).optional(),
  config: z.record(z.string(), JsonSchema).nullable().default(null),
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
  errorMessage: z.string().nullable(),
  config: z.record(z.string(), JsonSchema).nullable(),
  workerId: z.string().nullable(),
  startedAt: TimestampSchema.nullable(),
  completedAt: TimestampSchema.nullable(),
  createdAt: TimestampSchema,
});
/** Progress in percent, 0 to 100. */
export const ProgressSchema = z.number().min(0, 'must be >= 0').max(100, 'must be <= 100');

export type JobInput = z.input<typeof JobInputSchema>;
export type Job = z.infer<typeof JobSchema>;
