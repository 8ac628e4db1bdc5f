import { z } from 'zod';
import { parseOrThrow } from '../errors/from-zod.js';
import { isStorageError, StorageError } from '../errors/storage-error.js';
import type { FrameFormat } from './layout.js';
import type { Sharp } from './load-sharp.js';

/** Uncompressed pixels, row-major, `channels` bytes per pixel (e.g. a decoded video frame). */
export interface RawImage {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

/** A frame to store: an encoded image (PNG, JPEG, WebP …) or raw pixels. */
export type FrameImageInput = Uint8Array | RawImage;

/** A frame encoded for storage. */
export interface EncodedFrame {
  data: Buffer;
  format: FrameFormat;
  width: number;
  height: number;
}

/** Limits of {@link encodeFrame}. */
export interface EncodeLimits {
  /** Longest side after resizing (never enlarged). */
  maxDimension: number;
  /** Above this PNG size the frame is encoded as JPEG instead. */
  maxBytes: number;
}

const RawImageSchema = z
  .object({
    data: z.instanceof(Uint8Array),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    channels: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  })
  .refine((raw) => raw.data.length === raw.width * raw.height * raw.channels, {
    message: 'data length must equal width × height × channels',
    path: ['data'],
  });

/** PNG compression level of the reference (cv2 `IMWRITE_PNG_COMPRESSION`). */
export const PNG_COMPRESSION_LEVEL = 6;
/** JPEG quality of the reference's fallback (cv2 `IMWRITE_JPEG_QUALITY`). */
export const JPEG_QUALITY = 85;

/**
 * Resizes to fit `maxDimension` (keeping aspect, never enlarging) and encodes PNG (level 6); when that PNG is
 * over `maxBytes`, encodes JPEG quality 85 instead (which may still be over: frames are never refused for size).
 * Metadata (EXIF, GPS) is not copied into the output.
 */
export async function encodeFrame(
  sharp: Sharp,
  input: FrameImageInput,
  limits: EncodeLimits,
): Promise<EncodedFrame> {
  const pipeline =
    input instanceof Uint8Array
      ? sharp(input)
      : (() => {
          const raw = parseOrThrow(RawImageSchema, input, 'raw frame image');
          return sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: raw.channels } });
        })();
  pipeline.resize({
    width: limits.maxDimension,
    height: limits.maxDimension,
    fit: 'inside',
    withoutEnlargement: true,
  });
  try {
    const png = await pipeline
      .clone()
      .png({ compressionLevel: PNG_COMPRESSION_LEVEL })
      .toBuffer({ resolveWithObject: true });
    if (png.data.length <= limits.maxBytes) {
      return { data: png.data, format: 'png', width: png.info.width, height: png.info.height };
    }
    const jpeg = await pipeline.clone().jpeg({ quality: JPEG_QUALITY }).toBuffer({ resolveWithObject: true });
    return { data: jpeg.data, format: 'jpeg', width: jpeg.info.width, height: jpeg.info.height };
  } catch (err) {
    if (isStorageError(err)) throw err;
    throw new StorageError(
      'VALIDATION',
      `not a decodable image (${err instanceof Error ? err.message : String(err)}): pass PNG/JPEG/WebP bytes or raw pixels`,
      { cause: err },
    );
  }
}
