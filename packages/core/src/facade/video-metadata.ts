import type { z } from 'zod';
import { VideoInputSchema } from '../schemas/video.js';

/**
 * What a caller knows about a video before it is stored: everything of a video record except what the
 * stored file tells (key, size, checksum). `filename` defaults to the source path's base name.
 */
export const VideoMetadataSchema = VideoInputSchema.omit({
  fileKey: true,
  fileSize: true,
  checksum: true,
}).extend({
  filename: VideoInputSchema.shape.filename.optional(),
});

export type VideoMetadata = z.input<typeof VideoMetadataSchema>;
