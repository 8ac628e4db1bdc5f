import { z } from 'zod';
import { keyProblem } from '../keys/validate-key.js';

/** A record id: any non-empty string without control characters (UUIDv7 when generated). */
export const IdSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters')
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL and friends break drivers and logs
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'must not contain control characters');

/** A timestamp as an ISO-8601 string in UTC with milliseconds (what `Date#toISOString` prints). */
export const TimestampSchema = z.iso.datetime({ offset: false, precision: 3 });

/** A FileStore key (relative POSIX path) as held in records. */
export const FileKeySchema = z.string().superRefine((key, ctx) => {
  const problem = keyProblem(key);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** Any JSON value. */
export const JsonSchema = z.json();
/** A JSON object of free-form metadata. */
export const MetadataSchema = z.record(z.string(), z.json());

/** A time in seconds from the start of a video. */
export const SecondsSchema = z.number().min(0, 'must be >= 0');

/** A confidence score in [0, 1]. */
export const ConfidenceSchema = z.number().min(0, 'must be >= 0').max(1, 'must be <= 1');

/** A bounding box in pixels: origin at or right/below the top-left corner, positive size. */
export const BoundingBoxSchema = z.object({
  x: z.number().int().min(0, 'must be >= 0'),
  y: z.number().int().min(0, 'must be >= 0'),
  width: z.number().int().positive('must be > 0'),
  height: z.number().int().positive('must be > 0'),
});

/** A detector's bounding box: the reference allows any origin (boxes may start outside the frame). */
export const DetectionBoxSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive('must be > 0'),
  height: z.number().int().positive('must be > 0'),
});

/** Non-empty, trimmed-length-checked text such as a label or a name. */
export const LabelSchema = z.string().min(1, 'must not be empty').max(1000);

export type Metadata = z.infer<typeof MetadataSchema>;
export type JsonValue = z.infer<typeof JsonSchema>;
export type BoundingBox = z.infer<typeof BoundingBoxSchema>;
export type DetectionBox = z.infer<typeof DetectionBoxSchema>;
