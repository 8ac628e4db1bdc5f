import { StorageError } from '../errors/storage-error.js';
import { assertValidKey } from '../keys/validate-key.js';
import { SHA256_HEX } from '../schemas/common.js';

// The reference's folder layout, as FileStore keys. Pure functions: no I/O, no clock (callers pass dates).

/** The top-level areas of the layout; `other` is any key outside them. */
export type FileArea =
  | 'videos'
  | 'frames'
  | 'models'
  | 'timelines'
  | 'output'
  | 'cache'
  | 'temp'
  | 'backups'
  | 'blobs'
  | 'other';

/** Key prefix of every area (each ends in "/"). */
export const AREA_PREFIXES = {
  videos: 'videos/',
  frames: 'annotations/frames/',
  models: 'models/',
  timelines: 'timelines/',
  output: 'output/',
  cache: 'cache/',
  temp: 'temp/',
  backups: 'backups/',
  blobs: 'blobs/sha256/',
} as const satisfies Record<Exclude<FileArea, 'other'>, string>;

// One path segment: starts with a letter, digit or "_" (so never "." or ".."), no separators, bounded.
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
const EXTENSION = /^[a-z0-9]{1,10}$/;

/** Throws `VALIDATION` unless `value` is a single safe key segment (id, model type, version, name). */
export function assertSegment(value: unknown, what: string): asserts value is string {
  if (typeof value !== 'string' || !SEGMENT.test(value)) {
    throw new StorageError(
      'VALIDATION',
      `invalid ${what} ${JSON.stringify(value)}: use 1–128 characters from A–Z a–z 0–9 . _ - , starting with a letter, digit or "_" (no "/" or "\\")`,
      { details: { [what]: value } },
    );
  }
}

/** Returns `ext` lower-cased without a leading dot; `VALIDATION` unless it is 1–10 letters/digits. */
export function normalizeExtension(ext: string): string {
  const clean = ext.replace(/^\./, '').toLowerCase();
  if (!EXTENSION.test(clean)) {
    throw new StorageError(
      'VALIDATION',
      `invalid file extension ${JSON.stringify(ext)}: use 1–10 letters or digits`,
      {
        details: { ext },
      },
    );
  }
  return clean;
}

function assertDate(date: Date): void {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new StorageError('VALIDATION', 'invalid date: pass a valid Date (keys are dated in UTC)');
  }
}

/** `YYYYMM` of `date` in UTC. */
export function monthSegment(date: Date): string {
  assertDate(date);
  return `${date.getUTCFullYear()}${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** `DD` of `date` in UTC. */
export function daySegment(date: Date): string {
  assertDate(date);
  return String(date.getUTCDate()).padStart(2, '0');
}

function checked(key: string): string {
  assertValidKey(key);
  return key;
}

/** `videos/YYYYMM/<id>.<ext>`. */
export function videoKey(id: string, ext: string, date: Date): string {
  assertSegment(id, 'video id');
  return checked(`${AREA_PREFIXES.videos}${monthSegment(date)}/${id}.${normalizeExtension(ext)}`);
}

/** Frame image format: PNG normally, JPEG when the PNG is too large. */
export type FrameFormat = 'png' | 'jpeg';

/** `annotations/frames/YYYYMM/DD/frame_<annotationId>_<ms, 10 digits>.png|.jpg`. */
export function frameKey(
  annotationId: string,
  timestampMs: number,
  date: Date,
  format: FrameFormat = 'png',
): string {
  assertSegment(annotationId, 'annotation id');
  if (!Number.isFinite(timestampMs) || timestampMs < 0) {
    throw new StorageError('VALIDATION', `invalid frame timestamp ${timestampMs}: pass milliseconds ≥ 0`, {
      details: { timestampMs },
    });
  }
  const ms = String(Math.floor(timestampMs)).padStart(10, '0');
  const ext = format === 'jpeg' ? 'jpg' : 'png';
  return checked(
    `${AREA_PREFIXES.frames}${monthSegment(date)}/${daySegment(date)}/frame_${annotationId}_${ms}.${ext}`,
  );
}

/** `models/<type>/<version>/<id>.<ext>`. */
export function modelKey(id: string, modelType: string, version: string, ext = 'bin'): string {
  assertSegment(id, 'model id');
  assertSegment(modelType, 'model type');
  assertSegment(version, 'model version');
  return checked(`${AREA_PREFIXES.models}${modelType}/${version}/${id}.${normalizeExtension(ext)}`);
}

/** `timelines/<id>/v<version>.json`: one object per kept version. */
export function timelineKey(id: string, version: number): string {
  assertSegment(id, 'timeline id');
  if (!Number.isInteger(version) || version < 1) {
    throw new StorageError('VALIDATION', `invalid timeline version ${version}: pass an integer ≥ 1`);
  }
  return checked(`${AREA_PREFIXES.timelines}${id}/v${version}.json`);
}

/** `output/YYYYMM/<name>`: rendered (blurred) videos and exports. */
export function outputKey(name: string, date: Date): string {
  assertSegment(name, 'output name');
  return checked(`${AREA_PREFIXES.output}${monthSegment(date)}/${name}`);
}

/** `cache/<name>`: derived data that may be rebuilt at any time. */
export function cacheKey(name: string): string {
  assertSegment(name, 'cache name');
  return checked(`${AREA_PREFIXES.cache}${name}`);
}

/** `temp/<name>`: work files; cleanup removes them after `tempMaxAgeHours`. */
export function tempKey(name: string): string {
  assertSegment(name, 'temp name');
  return checked(`${AREA_PREFIXES.temp}${name}`);
}

/** `backups/<backupId>/<name>`. */
export function backupKey(backupId: string, name: string): string {
  assertSegment(backupId, 'backup id');
  assertSegment(name, 'backup file name');
  return checked(`${AREA_PREFIXES.backups}${backupId}/${name}`);
}

/** `blobs/sha256/ab/cd/<sha256>`: content-addressed bytes (dedup). */
export function blobKey(sha256: string): string {
  if (!SHA256_HEX.test(sha256)) {
    throw new StorageError(
      'VALIDATION',
      `invalid sha256 ${JSON.stringify(sha256)}: pass 64 lowercase hex digits`,
    );
  }
  return `${AREA_PREFIXES.blobs}${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

/** The sha256 a blob key names, or null when `key` is not a blob key. */
export function blobShaOf(key: string): string | null {
  const sha256 = key.slice(key.lastIndexOf('/') + 1);
  return SHA256_HEX.test(sha256) && key === blobKey(sha256) ? sha256 : null;
}

const TOUCH_SUFFIX = '.touch';

/**
 * `blobs/sha256/ab/cd/<sha256>.touch`: a tiny marker rewritten each time stored bytes are reused (dedup hit), so
 * cleanup sees the blob as recently used even though its own bytes are never rewritten.
 */
export function blobTouchKey(sha256: string): string {
  return `${blobKey(sha256)}${TOUCH_SUFFIX}`;
}

/** The sha256 a blob touch marker names, or null when `key` is not a touch marker. */
export function blobTouchShaOf(key: string): string | null {
  return key.endsWith(TOUCH_SUFFIX) ? blobShaOf(key.slice(0, -TOUCH_SUFFIX.length)) : null;
}

/** Which area of the layout `key` belongs to (by prefix; `other` when none). */
export function classifyKey(key: string): FileArea {
  for (const [area, prefix] of Object.entries(AREA_PREFIXES) as [Exclude<FileArea, 'other'>, string][]) {
    if (key.startsWith(prefix) && key.length > prefix.length) return area;
  }
  return 'other';
}
