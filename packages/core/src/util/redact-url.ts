// Backend URLs carry credentials (postgres://user:pw@…, s3://KEY:SECRET@…, redis://:pw@…,
// ?secretAccessKey=…): anything that prints or reports a URL goes through redactUrl first.

const MASK = '***';

// Query parameters whose value is a credential, matched on the lower-cased name without `_` and `-`.
const SECRET_PARAM = /secret|passw|token|apikey|credential|signature|^pwd$|^pass$/;

// `?name=value` / `&name=value` / `;name=value`.
const QUERY_PARAM = /([?&;])([^=&;#\s"'<>]+)=([^&;#\s"'<>]*)/g;

/**
 * `segment` (what follows one `//`, up to the next) with everything between the user's `:` and the last `@`
 * masked (user names are kept): a raw password may hold `/`, `?` or `@`.
 */
function maskUserinfo(segment: string): string {
  const end = segment.search(/[\s"'<>]/);
  const rest = end < 0 ? segment : segment.slice(0, end);
  const tail = end < 0 ? '' : segment.slice(end);
  const at = rest.lastIndexOf('@');
  if (at < 0) return segment;
  const colon = rest.indexOf(':');
  // No password, or the `@` belongs to a path (`bucket/a@b`, `/tmp/x:y@z`): nothing to mask. Erring the
  // other way (an `@` later in the path) masks too much, never too little.
  if (colon < 0 || colon > at || rest.slice(0, colon).includes('/')) return segment;
  return `${rest.slice(0, colon)}:${MASK}${rest.slice(at)}${tail}`;
}

function isSecretParam(name: string): boolean {
  let decoded = name;
  try {
    decoded = decodeURIComponent(name);
  } catch {
    // keep the raw name
  }
  return SECRET_PARAM.test(decoded.toLowerCase().replace(/[-_]/g, ''));
}

/**
 * `url` safe to print: the password of every `scheme://user:password@host` (also a raw, unencoded one, and
 * inside a wrapper such as `tiered:redis://…`) and the value of credential query parameters
 * (`secretAccessKey`, `password`, `token`, …) replaced by `***`. A URL without `//` is read as
 * `user:password@host…`. Anything else is returned unchanged.
 */
export function redactUrl(url: string): string {
  // Each `//` starts an authority (`tiered:redis://…`, an `endpoint=http://…` parameter).
  const [head = '', ...authorities] = url.split('//');
  const masked =
    authorities.length === 0 ? maskUserinfo(url) : [head, ...authorities.map(maskUserinfo)].join('//');
  return masked.replace(QUERY_PARAM, (whole, sep: string, name: string) =>
    isSecretParam(name) ? `${sep}${name}=${MASK}` : whole,
  );
}
