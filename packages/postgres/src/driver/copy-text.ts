import type { SqlValue } from '@vpe-storage/sql';

const SPECIAL = /[\\\n\r\t]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** One value in COPY text format: `\N` for NULL; backslash, tab, CR and LF escaped (JSON and unicode pass verbatim). */
export function copyField(value: SqlValue | undefined): string {
  if (value === null || value === undefined) return '\\N';
  switch (typeof value) {
    case 'string':
      return SPECIAL.test(value) ? value.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c] ?? c) : value;
    case 'number':
      if (Number.isFinite(value)) return String(value);
      return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
    case 'boolean':
      return value ? 't' : 'f';
    case 'bigint':
      return value.toString();
  }
  if (value instanceof Date) return value.toISOString();
  // bytea hex form, its backslash escaped for the text format
  return `\\\\x${Buffer.from(value).toString('hex')}`;
}

/** Rows in COPY text format: tab-separated fields, one line per row. */
export function copyText(rows: readonly (readonly SqlValue[])[]): string {
  let out = '';
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      if (i > 0) out += '\t';
      out += copyField(row[i]);
    }
    out += '\n';
  }
  return out;
}
