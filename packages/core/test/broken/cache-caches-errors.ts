import { DelegatingCache } from './cache-delegate.js';

/** Remembers the loader's promise forever, so a failure is served again and again. */
export class CachesErrorsCache extends DelegatingCache {
  readonly #loads = new Map<string, Promise<unknown>>();

  /** Single-flight without forgetting failed loads. */
  override getOrSet<T>(key: string, loader: () => Promise<T>, ttlSeconds?: number): Promise<T> {
    let load = this.#loads.get(key) as Promise<T> | undefined;
    if (!load) {
      load = super.getOrSet(key, loader, ttlSeconds);
      this.#loads.set(key, load);
    }
    return load;
  }
}
