import pg from 'pg';

const TIMESTAMPTZ_OID = 1184;
const UTC_TEXT = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?\+00$/;
const parseWithDate = pg.types.getTypeParser(TIMESTAMPTZ_OID, 'text') as (text: string) => Date;

/**
 * TIMESTAMPTZ text (the pool's sessions run with TimeZone=UTC) → ISO-8601 with milliseconds, by string
 * surgery: no Date round trip for every row. Anything unusual goes through pg's own parser.
 */
export function timestamptzToIso(text: string): string {
  const m = UTC_TEXT.exec(text);
  if (!m) return parseWithDate(text).toISOString();
  const ms = (m[3] ?? '').padEnd(3, '0').slice(0, 3);
  return `${m[1]}T${m[2]}.${ms}Z`;
}

export { TIMESTAMPTZ_OID };
