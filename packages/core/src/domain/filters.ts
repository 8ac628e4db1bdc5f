import { z } from 'zod';
import type { JobCompletion } from '../contracts/repositories.js';
import { parseOrThrow } from '../errors/from-zod.js';
import type { Metadata } from '../schemas/common.js';
import {
  ConfidenceSchema,
  FileKeySchema,
  IdSchema,
  LabelSchema,
  MetadataSchema,
  NoteSchema,
} from '../schemas/common.js';
import { ErrorMessageSchema } from '../schemas/job.js';

// Filters and option arguments of repository methods, checked once here for every backend.

const AnnotationFilterSchema = z.object({ label: LabelSchema.optional() }).strict();
const DetectionFilterSchema = z
  .object({ detectorType: LabelSchema.optional(), minConfidence: ConfidenceSchema.optional() })
  .strict();
const ModelFilterSchema = z
  .object({ modelType: LabelSchema.optional(), areaType: LabelSchema.optional() })
  .strict();
const AuditFilterSchema = z
  .object({
    entityType: LabelSchema.optional(),
    entityId: IdSchema.optional(),
    actor: NoteSchema.optional(),
  })
  .strict();
const JobCompletionSchema = z.object({ outputKey: FileKeySchema.nullable().optional() }).strict();

/** Validates an annotation list filter (absent means no filter). */
export function checkAnnotationFilter(filter: unknown): { label?: string } {
  return parseOrThrow(AnnotationFilterSchema, filter ?? {}, 'annotation filter');
}

/** Validates a detection range filter (absent means no filter). */
export function checkDetectionFilter(filter: unknown): { detectorType?: string; minConfidence?: number } {
  return parseOrThrow(DetectionFilterSchema, filter ?? {}, 'detection filter');
}

/** Validates a model lookup filter (absent means no filter). */
export function checkModelFilter(filter: unknown): { modelType?: string; areaType?: string } {
  return parseOrThrow(ModelFilterSchema, filter ?? {}, 'model filter');
}

/** Validates an audit lookup filter (absent means no filter). */
export function checkAuditFilter(filter: unknown): {
  entityType?: string;
  entityId?: string;
  actor?: string;
} {
  return parseOrThrow(AuditFilterSchema, filter ?? {}, 'audit filter');
}

/** Validates the outcome details of completing a job (absent means no output). */
export function checkJobCompletion(result: unknown): JobCompletion {
  return parseOrThrow(JobCompletionSchema, result ?? {}, 'job completion');
}

/** Validates a metadata patch (a JSON object). */
export function checkMetadata(metadata: unknown): Metadata {
  return parseOrThrow(MetadataSchema, metadata, 'metadata');
}

/** Validates a non-empty error message of a failed job. */
export function checkErrorMessage(message: unknown): string {
  return parseOrThrow(ErrorMessageSchema, message, 'error message');
}

/** Validates a list of record ids. */
export function checkIds(ids: unknown): string[] {
  return parseOrThrow(z.array(IdSchema), ids, 'ids');
}

/** Validates a FileStore key argument. */
export function checkFileKey(key: unknown): string {
  return parseOrThrow(FileKeySchema, key, 'file key');
}

/** Validates an optional video id argument (null or absent means every video). */
export function checkOptionalId(id: unknown, what = 'id'): string | null {
  return parseOrThrow(IdSchema.nullable(), id ?? null, what);
}
