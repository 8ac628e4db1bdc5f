import { DelegatingCache } from './cache-delegate.js';

/** Turns the glob into a regex by replacing `*` and `?` only: every other metacharacter stays live. */
export class RegexPatternCache extends DelegatingCache {
  /** Matches with a naive regex. */
  override invalidatePattern(pattern: string): Promise<number> {
    const regex = new RegExp(`^${pattern.replaceAll('*', '.*').replaceAll('?', '.')}$`);
    return this.deleteKnown((key) => regex.test(key));
  }
}
