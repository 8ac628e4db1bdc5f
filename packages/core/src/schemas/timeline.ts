import { z } from 'zod';
import {
  BoundingBoxSchema,
  ConfidenceSchema,
  IdSchema,
  MetadataSchema,
  NoteSchema,
  SecondsSchema,
  TimestampSchema,
} from './common.js';

/** Lifecycle of one timeline version: draft → approved → processed, any → archived. */
export const TIMELINE_STATUSES = ['draft', 'approved', 'processed', 'archived'] as const;
/** One status of a timeline version. */
export type TimelineStatus = (typeof TIMELINE_STATUSES)[number];
/** A status-changing action on a timeline version. */
export type TimelineAction = 'approve' | 'markProcessed' | 'archive';
/** One timeline transition: the statuses it may start from and the status it leads to. */
export interface TimelineTransition {
  /** Statuses the version may have before the action. */
  readonly from: readonly TimelineStatus[];
  /** Status the version has after the action. */
  readonly to: TimelineStatus;
}

/** The legal timeline transitions by action; any other starting status is a `CONFLICT`. */
export const TIMELINE_TRANSITIONS: Readonly<Record<TimelineAction, TimelineTransition>> = {
  approve: { from: ['draft'], to: 'approved' },
  markProcessed: { from: ['approved'], to: 'processed' },
  archive: { from: ['draft', 'approved', 'processed'], to: 'archived' },
};

/** The transition of `action` (its allowed starting statuses and its target status). */
export function timelineTransition(action: TimelineAction): TimelineTransition {
  return TIMELINE_TRANSITIONS[action];
}

/** How a region is hidden. */
export const BLUR_TYPES = ['gaussian', 'pixelate', 'solid', 'box'] as const;
/** How a region's box moves between key frames. */
export const INTERPOLATIONS = ['none', 'linear', 'smooth'] as const;

/** One blurred region of a timeline: a box over a time range. */
export const BlurRegionSchema = z
  .object({
    id: IdSchema,
    startTime: SecondsSchema,
    endTime: SecondsSchema,
    bbox: BoundingBoxSchema,
    blurType: z.enum(BLUR_TYPES).default('gaussian'),
    blurStrength: z.number().positive('must be > 0').max(100).default(15),
    interpolation: z.enum(INTERPOLATIONS).default('linear'),
    confidence: ConfidenceSchema.default(1),
    needsReview: z.boolean().default(false),
    metadata: MetadataSchema.default({}),
  })
  .refine((r) => r.endTime > r.startTime, { message: 'must be > startTime', path: ['endTime'] });

/** The blur plan of a timeline version (column `timeline_data`). */
export const TimelineDataSchema = z.object({
  videoDuration: z.number().positive('must be > 0'),
  frameRate: z.number().positive('must be > 0'),
  blurRegions: z.array(BlurRegionSchema),
  metadata: MetadataSchema.default({}),
});

const timelineFields = {
  videoId: IdSchema,
  name: NoteSchema.nullable().default(null),
  data: TimelineDataSchema,
  createdBy: NoteSchema.nullable().default(null),
  metadata: MetadataSchema.default({}),
};

/** What a caller gives to save a timeline: a new id starts at version 1, a known id gets the next version. */
export const TimelineInputSchema = z.object({ id: IdSchema.optional(), ...timelineFields });
/** One stored version of a timeline (table `timelines`, unique on id + version). */
export const TimelineSchema = z.object({
  id: IdSchema,
  version: z.number().int().min(1),
  ...timelineFields,
  status: z.enum(TIMELINE_STATUSES),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
/** The summary row of one version (what `versions(id)` lists). */
export const TimelineVersionInfoSchema = TimelineSchema.pick({
  id: true,
  version: true,
  status: true,
  createdBy: true,
  createdAt: true,
  updatedAt: true,
});

/** One stored blur region. */
export type BlurRegion = z.infer<typeof BlurRegionSchema>;
/** What a caller gives for one blur region (before defaults). */
export type BlurRegionInput = z.input<typeof BlurRegionSchema>;
/** The blur plan of a timeline version. */
export type TimelineData = z.infer<typeof TimelineDataSchema>;
/** What a caller gives to save a timeline (before defaults). */
export type TimelineInput = z.input<typeof TimelineInputSchema>;
/** One stored timeline version. */
export type Timeline = z.infer<typeof TimelineSchema>;
/** The summary of one timeline version. */
export type TimelineVersionInfo = z.infer<typeof TimelineVersionInfoSchema>;
