// The credentials part of `scheme://user:password@host`, also inside a wrapper such as `tiered:redis://…`.
const CREDENTIALS = /(\/\/[^:@/]*):([^@/]*)@/;

/** `url` with its password replaced by `***`, safe for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(CREDENTIALS, '$1:***@');
}

/** The password of `url` (percent-decoded), or '' when it has none. */
export function passwordOf(url: string): string {
  const raw = CREDENTIALS.exec(url)?.[2] ?? '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
