import { StorageError } from '../errors/storage-error.js';
import { CONTROL_CHARACTERS, hasLoneSurrogate } from '../schemas/text.js';

/** Longest key, in UTF-8 bytes (S3's limit). */
export const MAX_KEY_BYTES = 1024;
/** Longest path segment, in UTF-8 bytes (the usual file-system name limit). */
export const MAX_SEGMENT_BYTES = 255;

const encoder = new TextEncoder();
// Percent-encoded dot, slash and backslash: refused so no layer that decodes URLs can turn a key into a traversal.
const ENCODED_SEPARATOR = /%(2e|2f|5c)/i;

/** Why `key` is not a valid FileStore key, or null when it is. */
export function keyProblem(
  key: unknown,
  { allowTrailingSlash = false, allowEmpty = false } = {},
): string | null {
  if (typeof key !== 'string') return 'a key must be a string';
  if (key.length === 0) return allowEmpty ? null : 'a key must not be empty';
  if (encoder.encode(key).length > MAX_KEY_BYTES) return `a key must be at most ${MAX_KEY_BYTES} bytes`;
  if (CONTROL_CHARACTERS.test(key)) return 'a key must not contain NUL or control characters';
  if (hasLoneSurrogate(key)) return 'a key must be well-formed Unicode (no lone surrogates)';
  if (key.includes('\\')) return 'a key must use "/" as separator, not a backslash';
  if (key.startsWith('/')) return 'a key must be relative (no leading "/")';
  if (/^[a-zA-Z]:/.test(key)) return 'a key must not start with a drive letter';
  if (ENCODED_SEPARATOR.test(key)) return 'a key must not contain percent-encoded ".", "/" or "\\"';
  for (const ch of key) {
    if (ch === '.' || ch === '/') continue;
    // Unicode look-alikes (fullwidth solidus, one-dot leader …) that normalise to a separator or a dot.
    const folded = ch.normalize('NFKC');
    if (folded !== ch && /[./\\]/.test(folded))
      return `a key must not contain the look-alike character U+${ch.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  const body = allowTrailingSlash && key.endsWith('/') ? key.slice(0, -1) : key;
  if (body.length === 0) return allowEmpty ? null : 'a key must not be empty';
  for (const segment of body.split('/')) {
    if (segment.length === 0) return 'a key must not contain empty segments ("//" or a trailing "/")';
    if (segment === '.' || segment === '..') return 'a key must not contain "." or ".." segments';
    if (encoder.encode(segment).length > MAX_SEGMENT_BYTES)
      return `a key segment must be at most ${MAX_SEGMENT_BYTES} bytes`;
  }
  return null;
}

/** Throws a `VALIDATION` error unless `key` is a relative POSIX key that cannot escape a store's root. */
export function assertValidKey(key: unknown): asserts key is string {
  const problem = keyProblem(key);
  if (problem)
    throw new StorageError('VALIDATION', `invalid file key ${JSON.stringify(key)}: ${problem}`, {
      details: { key },
    });
}

/** Throws a `VALIDATION` error unless `prefix` is empty or a valid key, optionally ending in "/". */
export function assertValidPrefix(prefix: unknown): asserts prefix is string {
  const problem = keyProblem(prefix, { allowTrailingSlash: true, allowEmpty: true });
  if (problem)
    throw new StorageError('VALIDATION', `invalid key prefix ${JSON.stringify(prefix)}: ${problem}`, {
      details: { prefix },
    });
}
