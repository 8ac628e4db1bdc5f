import { type Cache, type CacheStats, MemoryCache } from '../../src/index.js';

/** Forwards every call to a correct MemoryCache; each broken variant overrides one behaviour. */
export class DelegatingCache implements Cache {
  readonly kind: string = 'broken';
  protected readonly inner = new MemoryCache();
  /** Keys ever set, so variants can walk them (MemoryCache does not list keys). */
  protected readonly known = new Set<string>();

  /** Forwards. */
  get<T = unknown>(key: string): Promise<T | undefined> {
    return this.inner.get<T>(key);
  }
  /** Forwards and remembers the key. */
  async set<T = unknown>(key: string, value: T, ttlSeconds?: number): Promise<void> {
    await this.inner.set(key, value, ttlSeconds);
    this.known.add(key);
  }
  /** Forwards. */
  delete(key: string): Promise<boolean> {
    return this.inner.delete(key);
  }
  /** Forwards. */
  has(key: string): Promise<boolean> {
    return this.inner.has(key);
  }
  /** Forwards. */
  invalidatePattern(pattern: string): Promise<number> {
    return this.inner.invalidatePattern(pattern);
  }
  /** Forwards. */
  clear(): Promise<void> {
    return this.inner.clear();
  }
  /** Forwards. */
  getOrSet<T>(key: string, loader: () => Promise<T>, ttlSeconds?: number): Promise<T> {
    return this.inner.getOrSet(key, loader, ttlSeconds);
  }
  /** Forwards. */
  stats(): CacheStats {
    return this.inner.stats();
  }
  /** Forwards. */
  close(): Promise<void> {
    return this.inner.close();
  }

  /** Deletes the known keys for which `matches` holds, the way a careless backend would. */
  protected async deleteKnown(matches: (key: string) => boolean): Promise<number> {
    let removed = 0;
    for (const key of this.known) {
      if (matches(key) && (await this.inner.delete(key))) removed++;
    }
    return removed;
  }
}
