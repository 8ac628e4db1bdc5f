import type { z } from 'zod';
import type { Cache } from '../contracts/cache.js';

/**
 * The cached value of `key` if it still parses with `schema`, else `load()` stored for `ttlSeconds`.
 * Misses (null) are not cached: a record created later must be visible at once. A cache that fails
 * to answer is bypassed, since the store is the source of truth.
 */
export async function readThrough<S extends z.ZodType>(
  cache: Cache,
  key: string,
  schema: S,
  ttlSeconds: number,
  load: () => Promise<z.output<S> | null>,
): Promise<z.output<S> | null> {
  const cached = await cache.get<unknown>(key).catch(() => undefined);
  if (cached !== undefined) {
    // The cache is a boundary too (a shared Redis may hold entries of another version): check it.
    const parsed = schema.safeParse(cached);
    if (parsed.success) return parsed.data;
  }
  const value = await load();
  if (value !== null) await cache.set(key, value, ttlSeconds).catch(() => undefined);
  return value;
}

/** Deletes every cache entry matching one of the glob patterns (exact keys are patterns too). */
export async function invalidate(cache: Cache, patterns: readonly string[]): Promise<void> {
  for (const pattern of patterns) await cache.invalidatePattern(pattern);
}
