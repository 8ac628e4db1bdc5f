import { DelegatingCache } from './cache-delegate.js';

/** Treats the text before the first wildcard as a prefix and ignores the rest. */
export class PrefixPatternCache extends DelegatingCache {
  /** Matches by prefix only. */
  override invalidatePattern(pattern: string): Promise<number> {
    const prefix = pattern.split(/[*?]/)[0] ?? '';
    return this.deleteKnown((key) => key.startsWith(prefix));
  }
}
