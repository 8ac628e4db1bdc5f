import { z } from 'zod';
import { keyProblem } from '../keys/validate-key.js';
import { CONTROL_CHARACTERS, isStorableText, STORABLE_TEXT_MESSAGE, unstorableJsonPath } from './text.js';

/** Largest value of a 32-bit signed integer column (PostgreSQL INTEGER): the cap of pixel and frame counts. */
export const INT32_MAX = 2 ** 31 - 1;
/** Smallest value of a 32-bit signed integer column. */
export const INT32_MIN = -(2 ** 31);

/** A lowercase sha256 hex digest (64 characters): checksums of videos, blobs and pointers. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Any string every backend stores unchanged: well-formed Unicode without NUL. Bound its length where used. */
export const TextSchema = z.string().refine(isStorableText, STORABLE_TEXT_MESSAGE);

/** A non-negative integer that fits a 32-bit column (frame numbers, counts). */
export const CountSchema = z.number().int().min(0, 'must be >= 0').max(INT32_MAX, `must be <= ${INT32_MAX}`);
/** A positive integer that fits a 32-bit column (widths, heights). */
export const SizeSchema = z.number().int().positive('must be > 0').max(INT32_MAX, `must be <= ${INT32_MAX}`);

/** A record id: any non-empty string without control characters (UUIDv7 when generated). */
export const IdSchema = TextSchema.min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters')
  .refine((s) => !CONTROL_CHARACTERS.test(s), 'must not contain control characters');

/** A timestamp as an ISO-8601 string in UTC with milliseconds (what `Date#toISOString` prints). */
export const TimestampSchema = z.iso.datetime({ offset: false, precision: 3 });

/** A FileStore key (relative POSIX path) as held in records. */
export const FileKeySchema = z.string().superRefine((key, ctx) => {
  const problem = keyProblem(key);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** Adds an issue at the first string of a JSON value that is not storable text. */
function refineStorableJson(value: unknown, ctx: z.RefinementCtx): void {
  const path = unstorableJsonPath(value);
  if (path) ctx.addIssue({ code: 'custom', message: STORABLE_TEXT_MESSAGE, path });
}

/** Any JSON value whose strings (values and keys) are storable text. */
export const JsonSchema = z.json().superRefine(refineStorableJson);
/** A JSON object of free-form values (metadata, job config, metrics) whose strings are storable text. */
export const JsonObjectSchema = z.record(z.string(), z.json()).superRefine(refineStorableJson);
/** A JSON object of free-form metadata. */
export const MetadataSchema = JsonObjectSchema;

/** A time in seconds from the start of a video. */
export const SecondsSchema = z.number().min(0, 'must be >= 0');

/** A confidence score in [0, 1]. */
export const ConfidenceSchema = z.number().min(0, 'must be >= 0').max(1, 'must be <= 1');

/** A bounding box in pixels: origin at or right/below the top-left corner, positive size. */
export const BoundingBoxSchema = z.object({
  x: CountSchema,
  y: CountSchema,
  width: SizeSchema,
  height: SizeSchema,
});

const CoordinateSchema = z
  .number()
  .int()
  .min(INT32_MIN, `must be >= ${INT32_MIN}`)
  .max(INT32_MAX, `must be <= ${INT32_MAX}`);
/** A detector's bounding box: the reference allows any origin (boxes may start outside the frame). */
export const DetectionBoxSchema = z.object({
  x: CoordinateSchema,
  y: CoordinateSchema,
  width: SizeSchema,
  height: SizeSchema,
});

/** Non-empty storable text of at most 1000 characters: a label, a name, an actor, a worker. */
export const LabelSchema = TextSchema.min(1, 'must not be empty').max(1000);
/** Optional free text of at most 1000 characters (who annotated, created, acted), possibly empty. */
export const NoteSchema = TextSchema.max(1000);

/** A JSON object of free-form metadata. */
export type Metadata = z.infer<typeof MetadataSchema>;
/** Any JSON value. */
export type JsonValue = z.infer<typeof JsonSchema>;
/** A bounding box in pixels with its origin inside the frame. */
export type BoundingBox = z.infer<typeof BoundingBoxSchema>;
/** A detector's bounding box (any origin). */
export type DetectionBox = z.infer<typeof DetectionBoxSchema>;
