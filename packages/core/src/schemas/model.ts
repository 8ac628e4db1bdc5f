import { z } from 'zod';
import {
  FileKeySchema,
  IdSchema,
  JsonSchema,
  LabelSchema,
  MetadataSchema,
  TimestampSchema,
} from './common.js';

const modelFields = {
  name: LabelSchema,
  modelType: LabelSchema,
  areaType: LabelSchema,
  version: z.string().min(1).max(100).default('1.0'),
  fileKey: FileKeySchema,
  trainingDataCount: z.number().int().min(0).default(0),
  accuracyMetrics: z.record(z.string(), JsonSchema).nullable().default(null),
  metadata: MetadataSchema.default({}),
};

/** What a caller gives to register a trained detector model. */
export const ModelInputSchema = z.object({ id: IdSchema.optional(), ...modelFields });
/** A stored model (table `models`). */
export const ModelSchema = z.object({
  id: IdSchema,
  ...modelFields,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});

export type ModelInput = z.input<typeof ModelInputSchema>;
export type Model = z.infer<typeof ModelSchema>;
