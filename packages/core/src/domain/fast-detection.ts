import type { DetectionInput } from '../schemas/detection.js';

// Bulk inserts validate millions of detections; a zod parse per row costs more than the insert itself.
// This hand-written check accepts only inputs that DetectionInputSchema certainly accepts (and for
// which its output equals the input's known fields); anything else — unusual or invalid — goes through
// the zod parse, which then builds the precise VALIDATION error. So it may be stricter, never looser.

// biome-ignore lint/suspicious/noControlCharactersInRegex: IdSchema refuses control characters
const CONTROL = /[\u0000-\u001f\u007f]/;

/** A detection input that passed {@link isFastValidDetection}: every field has its final type. */
export interface FastDetectionInput {
  id?: string;
  videoId: string;
  timestamp: number;
  frameNumber: number;
  detectorType: string;
  bbox: { x: number; y: number; width: number; height: number };
  confidence: number;
  needsReview?: boolean;
  metadata?: Record<string, string | number | boolean | null>;
}

function isId(v: unknown): v is string {
  return typeof v === 'string' && v.length >= 1 && v.length <= 255 && !CONTROL.test(v);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}

// Flat metadata of JSON primitives is the common case; nested values take the zod path.
function isFlatMetadata(v: unknown): boolean {
  if (!isPlainObject(v)) return false;
  for (const key in v) {
    const value = v[key];
    const t = typeof value;
    if (value === null || t === 'string' || t === 'boolean') continue;
    if (t === 'number' && Number.isFinite(value)) continue;
    return false;
  }
  return true;
}

/** True only when DetectionInputSchema accepts `input` unchanged (defaults aside); false means "ask zod". */
export function isFastValidDetection(input: unknown): input is FastDetectionInput & DetectionInput {
  if (!isPlainObject(input)) return false;
  const id = input.id;
  if (id !== undefined && !isId(id)) return false;
  if (!isId(input.videoId)) return false;
  const ts = input.timestamp;
  if (typeof ts !== 'number' || !(ts >= 0) || ts === Number.POSITIVE_INFINITY) return false;
  const frame = input.frameNumber;
  if (!Number.isSafeInteger(frame) || (frame as number) < 0) return false;
  const type = input.detectorType;
  if (typeof type !== 'string' || type.length < 1 || type.length > 1000) return false;
  const box = input.bbox;
  if (!isPlainObject(box)) return false;
  if (!Number.isSafeInteger(box.x) || !Number.isSafeInteger(box.y)) return false;
  if (!Number.isSafeInteger(box.width) || (box.width as number) <= 0) return false;
  if (!Number.isSafeInteger(box.height) || (box.height as number) <= 0) return false;
  const conf = input.confidence;
  if (typeof conf !== 'number' || !(conf >= 0 && conf <= 1)) return false;
  const review = input.needsReview;
  if (review !== undefined && typeof review !== 'boolean') return false;
  const meta = input.metadata;
  return meta === undefined || isFlatMetadata(meta);
}
