/**
 * Compiles a cache glob to a RegExp over the whole key: `*` is any run of characters (`:` included),
 * `?` exactly one character, and every other character is literal (regex metacharacters are escaped).
 */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  let previousStar = false;
  for (const ch of glob) {
    if (ch === '*') {
      // Consecutive stars mean the same thing; collapsing them avoids needless backtracking.
      if (!previousStar) source += '[\\s\\S]*';
      previousStar = true;
      continue;
    }
    previousStar = false;
    source += ch === '?' ? '[\\s\\S]' : ch.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'u');
}
