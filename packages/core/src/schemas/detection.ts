import { z } from 'zod';
import {
  ConfidenceSchema,
  CountSchema,
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
  frameNumber: CountSchema,
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
  reviewedBy: LabelSchema.nullable(),
  reviewedAt: TimestampSchema.nullable(),
  createdAt: TimestampSchema,
});

/** What a detector emits for one box (before defaults). */
export type DetectionInput = z.input<typeof DetectionInputSchema>;
/** A stored detection. */
export type Detection = z.infer<typeof DetectionSchema>;
