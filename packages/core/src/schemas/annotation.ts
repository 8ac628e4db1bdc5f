import { z } from 'zod';
import {
  BoundingBoxSchema,
  ConfidenceSchema,
  CountSchema,
  FileKeySchema,
  IdSchema,
  LabelSchema,
  MetadataSchema,
  NoteSchema,
  SecondsSchema,
  TimestampSchema,
} from './common.js';

const annotationFields = {
  videoId: IdSchema,
  sceneId: IdSchema.nullable().default(null),
  timestamp: SecondsSchema,
  frameNumber: CountSchema.default(0),
  bbox: BoundingBoxSchema,
  label: LabelSchema,
  confidence: ConfidenceSchema.default(1),
  imageKey: FileKeySchema.nullable().default(null),
  annotatedBy: NoteSchema.nullable().default(null),
  metadata: MetadataSchema.default({}),
};

/** What a caller gives to save a manual annotation (insert, or replace by id). */
export const AnnotationInputSchema = z.object({ id: IdSchema.optional(), ...annotationFields });
/** A stored annotation (table `annotations`). */
export const AnnotationSchema = z.object({ id: IdSchema, ...annotationFields, createdAt: TimestampSchema });

/** What a caller gives to save an annotation (before defaults). */
export type AnnotationInput = z.input<typeof AnnotationInputSchema>;
/** A stored annotation. */
export type Annotation = z.infer<typeof AnnotationSchema>;
