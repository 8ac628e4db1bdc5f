import { z } from 'zod';
import {
  FileKeySchema,
  IdSchema,
  MetadataSchema,
  SHA256_HEX,
  SizeSchema,
  TextSchema,
  TimestampSchema,
} from './common.js';

const videoFields = {
  filename: TextSchema.min(1).max(1000),
  fileKey: FileKeySchema,
  duration: z.number().positive('must be > 0'),
  frameRate: z.number().positive('must be > 0'),
  width: SizeSchema,
  height: SizeSchema,
  fileSize: z.number().int().min(0),
  codec: TextSchema.max(100).nullable().default(null),
  checksum: z.string().regex(SHA256_HEX, 'must be a lowercase sha256 hex digest').nullable().default(null),
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

/** What a caller gives to register a video (before defaults). */
export type VideoInput = z.input<typeof VideoInputSchema>;
/** A stored video. */
export type Video = z.infer<typeof VideoSchema>;
