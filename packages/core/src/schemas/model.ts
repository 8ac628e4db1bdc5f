import { z } from 'zod';
import {
  CountSchema,
  FileKeySchema,
  IdSchema,
  JsonObjectSchema,
  LabelSchema,
  MetadataSchema,
  TextSchema,
  TimestampSchema,
} from './common.js';

const modelFields = {
  name: LabelSchema,
  modelType: LabelSchema,
  areaType: LabelSchema,
  version: TextSchema.min(1).max(100).default('1.0'),
  fileKey: FileKeySchema,
  trainingDataCount: CountSchema.default(0),
  accuracyMetrics: JsonObjectSchema.nullable().default(null),
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

/** What a caller gives to register a model (before defaults). */
export type ModelInput = z.input<typeof ModelInputSchema>;
/** A stored model. */
export type Model = z.infer<typeof ModelSchema>;
