// Characters Redis MATCH treats specially; ours are only * and ?, so the rest must be escaped.
const REDIS_SPECIAL = /[[\]\\*?]/g;

/** `text` escaped so Redis MATCH reads every character literally. */
export function escapeRedisGlob(text: string): string {
  return text.replace(REDIS_SPECIAL, '\\$&');
}

/**
 * Our glob as a Redis MATCH pattern that selects a superset of the keys it means: `[`, `]` and `\` are
 * escaped, `*` is kept, and `?` becomes `*` because Redis's `?` is one byte, not one character. The
 * caller filters the scanned keys with the exact RegExp.
 */
export function toRedisMatch(prefix: string, glob: string): string {
  let out = escapeRedisGlob(prefix);
  let previousWildcard = false;
  for (const ch of glob) {
    const wildcard = ch === '*' || ch === '?';
    if (!wildcard) out += escapeRedisGlob(ch);
    else if (!previousWildcard) out += '*';
    previousWildcard = wildcard;
  }
  return out;
}
