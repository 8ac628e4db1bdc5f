import { z } from 'zod';
import {
  ConfidenceSchema,
  DetectionBoxSchema,
  IdSchema,
  LabelSchema,
  MetadataSchema,
  SecondsSchema,
  TimestampSchema,
} from './common.js';

const detectionFields = {
  videoId: IdSchema,
  timestamp: SecondsSchema,
  frameNumber: z.number().int().min(0),
  detectorType: LabelSchema,
  bbox: DetectionBoxSchema,
  confidence: ConfidenceSchema,
  needsReview: z.boolean().default(false),
  metadata: MetadataSchema.default({}),
};

/** What a detector emits, one per box (bulk-inserted). */
export const DetectionInputSchema = z.object({ id: IdSchema.optional(), ...detectionFields });
/** A stored detection (table `detections`). */
export const DetectionSchema = z.object({
  id: IdSchema,
  ...detectionFields,
  reviewedBy: z.string().max(1000).nullable(),
  reviewedAt: TimestampSchema.nullable(),
  createdAt: TimestampSchema,
});

export type DetectionInput = z.input<typeof DetectionInputSchema>;
export type Detection = z.infer<typeof DetectionSchema>;
