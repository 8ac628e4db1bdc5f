/** Returns `text` unchanged: for drivers that take `?` placeholders (SQLite, MySQL). */
export function questionMarks(text: string): string {
  return text;
}

/** Rewrites `?` placeholders into `$1, $2, …` (PostgreSQL), leaving quoted strings and identifiers alone. */
export function dollarNumbers(text: string): string {
  let out = '';
  let n = 0;
  let quote: string | null = null;
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = null;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === '?') {
      n += 1;
      out += `$${n}`;
    } else {
      out += ch;
    }
  }
  return out;
}

/** Wraps a rewriter with a cache: queries are built from a small set of texts, so each is rewritten once. */
export function memoize(rewrite: (text: string) => string): (text: string) => string {
  const cache = new Map<string, string>();
  return (text) => {
    let out = cache.get(text);
    if (out === undefined) {
      out = rewrite(text);
      cache.set(text, out);
    }
    return out;
  };
}
