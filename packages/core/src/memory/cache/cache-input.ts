import { StorageError } from '../../errors/storage-error.js';

/** Throws `VALIDATION` unless `key` is a non-empty string. */
export function assertCacheKey(key: unknown): asserts key is string {
  if (typeof key !== 'string' || key.length === 0) {
    throw new StorageError(
      'VALIDATION',
      `invalid cache key ${describe(key)}: a cache key must be a non-empty string`,
      { details: { keyType: typeof key } },
    );
  }
}

/** Throws `VALIDATION` unless `pattern` is a non-empty string. */
export function assertCachePattern(pattern: unknown): asserts pattern is string {
  if (typeof pattern !== 'string' || pattern.length === 0) {
    throw new StorageError(
      'VALIDATION',
      `invalid cache pattern ${describe(pattern)}: pass a non-empty glob such as "videos:*"`,
    );
  }
}

/** A TTL in whole milliseconds (at least 1) from positive, finite seconds; `VALIDATION` otherwise. */
export function ttlToMs(ttlSeconds: unknown, what = 'cache TTL'): number {
  if (typeof ttlSeconds !== 'number' || !Number.isFinite(ttlSeconds) || ttlSeconds <= 0) {
    throw new StorageError(
      'VALIDATION',
      `invalid ${what} ${describe(ttlSeconds)}: it must be a positive, finite number of seconds (0.5 is allowed)`,
    );
  }
  return Math.max(1, Math.round(ttlSeconds * 1000));
}

/**
 * The JSON text of a cache value, or `VALIDATION` when the value would not survive JSON unchanged
 * (undefined, functions, symbols, bigints, NaN/Infinity, Map/Set, cycles). Object properties that are
 * `undefined` are dropped, as JSON does.
 */
export function serializeCacheValue(key: string, value: unknown): string {
  if (value === undefined) {
    throw invalidValue(key, 'undefined is not a value (undefined means a miss); store null instead');
  }
  try {
    const json = JSON.stringify(value, strictReplacer);
    if (typeof json !== 'string') throw new TypeError(`a ${typeof value} has no JSON form`);
    return json;
  } catch (err) {
    if (err instanceof StorageError) throw err;
    throw invalidValue(key, err instanceof Error ? err.message : String(err), err);
  }
}

/** Parses JSON text stored by {@link serializeCacheValue}: a fresh copy on every call. */
export function parseCacheValue<T>(json: string): T {
  return JSON.parse(json) as T;
}

// JSON.stringify silently drops or rewrites these; refusing them keeps get() equal to what set() got.
function strictReplacer(this: unknown, _key: string, value: unknown): unknown {
  switch (typeof value) {
    case 'function':
    case 'symbol':
    case 'bigint':
      throw new TypeError(`a ${typeof value} has no JSON form`);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${value} has no JSON form`);
      return value;
    case 'undefined':
      if (Array.isArray(this)) throw new TypeError('undefined inside an array has no JSON form');
      return value;
    case 'object':
      if (value instanceof Map || value instanceof Set) {
        throw new TypeError(`a ${value instanceof Map ? 'Map' : 'Set'} would be stored as {}`);
      }
      return value;
    default:
      return value;
  }
}

function invalidValue(key: string, reason: string, cause?: unknown): StorageError {
  return new StorageError(
    'VALIDATION',
    `cache value for key ${JSON.stringify(key)} is not JSON-serializable (${reason}): store plain objects, arrays, strings, finite numbers, booleans or null`,
    { cause, details: { key } },
  );
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return String(value);
  return `(${value === null ? 'null' : typeof value})`;
}
