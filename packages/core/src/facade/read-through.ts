import type { z } from 'zod';
import type { Cache } from '../contracts/cache.js';
import { type CacheErrorHandler, warnOncePerKind } from './cache-errors.js';

// Thrown inside the loader so that a miss reaches the caller without being cached.
const MISS: unique symbol = Symbol('vpe-storage read-through miss');

/** A store failure inside the loader, told apart from a failure of the cache itself. */
class LoadFailure {
  constructor(readonly cause: unknown) {}
}

type Loaded<T> = { value: T | null } | undefined;

/**
 * The cached value of `key` if it still parses with `schema`, else `load()`, stored for `ttlSeconds` through
 * `cache.getOrSet`: concurrent reads share one load, and a load overtaken by an invalidation (a write that
 * committed meanwhile) is not stored. Misses (null) are not cached: a record created later must be visible at
 * once. A cache that fails to answer is bypassed, since the store is the source of truth.
 */
export async function readThrough<S extends z.ZodType>(
  cache: Cache,
  key: string,
  schema: S,
  ttlSeconds: number,
  load: () => Promise<z.output<S> | null>,
): Promise<z.output<S> | null> {
  // Twice at most: a cached entry that does not parse (another version wrote it) is dropped and loaded again.
  for (let attempt = 0; attempt < 2; attempt++) {
    let loaded: Loaded<z.output<S>>;
    let value: unknown;
    try {
      value = await cache.getOrSet(
        key,
        async () => {
          let result: z.output<S> | null;
          try {
            result = await load();
          } catch (err) {
            throw new LoadFailure(err);
          }
          loaded = { value: result };
          if (result === null) throw MISS;
          return result;
        },
        ttlSeconds,
      );
    } catch (err) {
      if (err === MISS) return null;
      if (err instanceof LoadFailure) throw err.cause;
      // The cache failed: what this call loaded (if it got that far) is still the store's answer.
      return loaded ? loaded.value : load();
    }
    // This call's own load: the store's record as the store returned it.
    if (loaded) return loaded.value;
    // The cache is a boundary too (a shared Redis may hold entries of another version): check it.
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    await cache.delete(key).catch(() => undefined);
  }
  return load();
}

const defaultHandler = warnOncePerKind();

/**
 * Deletes every cache entry matching one of the glob patterns (exact keys are patterns too), after a write the
 * store has committed: it never throws. A pattern that fails is retried once; what still fails goes to `onError`
 * (default: one console warning per error kind), since failing the call would report a committed write as failed.
 */
export async function invalidate(
  cache: Cache,
  patterns: readonly string[],
  onError: CacheErrorHandler = defaultHandler,
): Promise<void> {
  const failed: string[] = [];
  let lastError: unknown;
  for (const pattern of patterns) {
    try {
      await cache.invalidatePattern(pattern);
    } catch {
      try {
        await cache.invalidatePattern(pattern);
      } catch (err) {
        failed.push(pattern);
        lastError = err;
      }
    }
  }
  if (failed.length === 0) return;
  try {
    onError({ patterns: failed, error: lastError });
  } catch {
    // A throwing handler must not turn the committed write into a failure either.
  }
}
