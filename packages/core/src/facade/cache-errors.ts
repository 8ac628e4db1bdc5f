import { isStorageError } from '../errors/storage-error.js';

/**
 * A cache invalidation that still failed after one retry, following a write the store had already committed:
 * the write succeeded, but the patterns may serve stale entries until their TTL runs out.
 */
export interface CacheErrorEvent {
  /** The patterns that could not be invalidated. */
  patterns: string[];
  /** The last error the cache threw. */
  error: unknown;
}

/** Receives cache failures the facade does not throw (they happen after a committed write). */
export type CacheErrorHandler = (event: CacheErrorEvent) => void;

/** The kind of an error, for grouping reports: its StorageError code, else its class name. */
export function errorKind(error: unknown): string {
  if (isStorageError(error)) return error.code;
  return error instanceof Error ? error.name : typeof error;
}

/** The default handler: one `warn` per error kind (a Redis outage warns once, not on every write). */
export function warnOncePerKind(warn: (message: string) => void = console.warn): CacheErrorHandler {
  const seen = new Set<string>();
  return ({ patterns, error }) => {
    const kind = errorKind(error);
    if (seen.has(kind)) return;
    seen.add(kind);
    const message = error instanceof Error ? error.message : String(error);
    warn(
      `vpe-storage: the write was committed but the cache could not be invalidated (${kind}: ${message}); ` +
        `entries such as ${patterns[0] ?? '?'} may be stale until their TTL ends. Further ${kind} cache errors are not repeated.`,
    );
  };
}
