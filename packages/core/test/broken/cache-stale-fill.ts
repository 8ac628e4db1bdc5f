import { DelegatingCache } from './cache-delegate.js';

/** Single-flight getOrSet that stores the loaded value even when the key was invalidated meanwhile. */
export class StaleFillCache extends DelegatingCache {
  readonly #loads = new Map<string, Promise<unknown>>();

  /** Shares loads, but no invalidation detaches them: a slow load refills a deleted key. */
  override async getOrSet<T>(key: string, loader: () => Promise<T>, ttlSeconds?: number): Promise<T> {
    const running = this.#loads.get(key) as Promise<T> | undefined;
    if (running) return structuredClone(await running);
    const cached = await this.get<T>(key);
    if (cached !== undefined) return cached;
    const load = (async () => {
      try {
        const value = await loader();
        await this.set(key, value, ttlSeconds);
        return value;
      } finally {
        this.#loads.delete(key);
      }
    })();
    this.#loads.set(key, load);
    return structuredClone(await load);
  }
}
