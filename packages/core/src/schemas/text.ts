// What makes a string storable by every backend: SQL drivers encode text as UTF-8, so a lone
// surrogate comes back as U+FFFD (a changed value, and distinct ids that collide); PostgreSQL's
// text and jsonb refuse NUL. Checked once here for records, JSON values, ids and keys.

/** ASCII control characters (NUL, C0 and DEL): refused in ids and FileStore keys. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this matches
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** A high surrogate not followed by a low one, or a low surrogate not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `s` holds a lone surrogate, i.e. is not well-formed UTF-16 (`String#isWellFormed` is Node 22+). */
export function hasLoneSurrogate(s: string): boolean {
  return LONE_SURROGATE.test(s);
}

/** True when every backend stores `s` unchanged: well-formed UTF-16 and no NUL. */
export function isStorableText(s: string): boolean {
  return !s.includes('\u0000') && !hasLoneSurrogate(s);
}

/** The message of a string that {@link isStorableText} refuses. */
export const STORABLE_TEXT_MESSAGE = 'must be well-formed Unicode text without NUL (no lone surrogates)';

/** The path of the first string (value or object key) inside a JSON value that is not storable text, or null. */
export function unstorableJsonPath(
  value: unknown,
  path: (string | number)[] = [],
): (string | number)[] | null {
  if (typeof value === 'string') return isStorableText(value) ? null : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unstorableJsonPath(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (!isStorableText(key)) return [...path, key];
      const found = unstorableJsonPath(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}
