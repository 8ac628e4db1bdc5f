import { randomBytes } from 'node:crypto';
import { assertSegment } from '../files/layout.js';

// The id segment of a frame key holds at most 128 characters; the suffix takes 1 + 12 of them.
const MAX_SEGMENT = 128;
const SUFFIX_BYTES = 6;

/**
 * The id under which a frame image of annotation `annotationId` is stored: the annotation id plus a random
 * suffix (`<id>.<12 hex>`), so every write gets its own key (`frame_<id>.<suffix>_<ms>.png`) and a re-save with
 * the same id, timestamp and day never overwrites the image the current record names. A long id is shortened to
 * fit the key segment; an id that is no valid segment is refused (`VALIDATION`) as it was before.
 */
export function frameImageId(annotationId: string): string {
  assertSegment(annotationId, 'annotation id');
  const suffix = randomBytes(SUFFIX_BYTES).toString('hex');
  return `${annotationId.slice(0, MAX_SEGMENT - suffix.length - 1)}.${suffix}`;
}
