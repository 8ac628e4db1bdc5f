import { z } from 'zod';
import { FileKeySchema, IdSchema, MetadataSchema, TimestampSchema } from './common.js';

const videoFields = {
  filename: z.string().min(1).max(1000),
  fileKey: FileKeySchema,
  duration: z.number().positive('must be > 0'),
  frameRate: z.number().positive('must be > 0'),
  width: z.number().int().positive('must be > 0'),
  height: z.number().int().positive('must be > 0'),
  fileSize: z.number().int().min(0),
  codec: z.string().max(100).nullable().default(null),
  checksum: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'must be a lowercase sha256 hex digest')
    .nullable()
    .default(null),
  metadata: MetadataSchema.default({}),
};

/** What a caller gives to register a video. */
export const VideoInputSchema = z.object({ id: IdSchema.optional(), ...videoFields });
/** A stored video (table `videos`). */
export const VideoSchema = z.object({
  id: IdSchema,
  ...videoFields,
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});

export type VideoInput = z.input<typeof VideoInputSchema>;
export type Video = z.infer<typeof VideoSchema>;
