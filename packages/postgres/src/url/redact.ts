/** Replaces the password of every `scheme://user:password@host` in `text` with `***`, so messages never leak it. */
export function redactPasswords(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s]*):[^@/\s]*@/gi, '$1:***@');
}
