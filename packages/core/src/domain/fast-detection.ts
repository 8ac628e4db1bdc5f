import { INT32_MAX, INT32_MIN } from '../schemas/common.js';
import type { DetectionInput } from '../schemas/detection.js';
import { CONTROL_CHARACTERS, isStorableText } from '../schemas/text.js';

// Bulk inserts validate millions of detections; a zod parse per row costs more than the insert itself.
// This hand-written check accepts only inputs that DetectionInputSchema certainly accepts (and for
// which its output equals the input's known fields); anything else — unusual or invalid — goes through
// the zod parse, which then builds the precise VALIDATION error. So it may be stricter, never looser.

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
  return (
    typeof v === 'string' &&
    v.length >= 1 &&
    v.length <= 255 &&
    !CONTROL_CHARACTERS.test(v) &&
    isStorableText(v)
  );
}

/** An integer in [min, INT32_MAX] (what a 32-bit column holds). */
function isInt32(v: unknown, min: number): v is number {
  return Number.isInteger(v) && (v as number) >= min && (v as number) <= INT32_MAX;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}

// Flat metadata of JSON primitives is the common case; nested values take the zod path.
function isFlatMetadata(v: unknown): boolean {
  if (!isPlainObject(v)) return false;
  for (const key in v) {
    if (!isStorableText(key)) return false;
    const value = v[key];
    const t = typeof value;
    if (t === 'string' && !isStorableText(value as string)) return false;
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
  if (!isInt32(frame, 0)) return false;
  const type = input.detectorType;
  if (typeof type !== 'string' || type.length < 1 || type.length > 1000 || !isStorableText(type))
    return false;
  const box = input.bbox;
  if (!isPlainObject(box)) return false;
  if (!isInt32(box.x, INT32_MIN) || !isInt32(box.y, INT32_MIN)) return false;
  if (!isInt32(box.width, 1) || !isInt32(box.height, 1)) return false;
  const conf = input.confidence;
  if (typeof conf !== 'number' || !(conf >= 0 && conf <= 1)) return false;
  const review = input.needsReview;
  if (review !== undefined && typeof review !== 'boolean') return false;
  const meta = input.metadata;
  return meta === undefined || isFlatMetadata(meta);
}
