/** Where a paginated list starts and how much it returns. */
export interface PageRequest {
  /** At most this many items (default 100, max 10,000). */
  limit?: number;
  /** The `nextCursor` of the previous page; omit for the first page. */
  cursor?: string | null;
}

/** One page of a list. `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Default page size. */
export const DEFAULT_PAGE_LIMIT = 100;
/** Largest page size a backend must accept. */
export const MAX_PAGE_LIMIT = 10_000;
