import type { Page, PageRequest } from '../contracts/page.js';

/** Iterates every item of a paginated list, fetching `limit` at a time. */
export async function* iteratePages<T>(
  fetchPage: (page: PageRequest) => Promise<Page<T>>,
  limit = 1000,
): AsyncGenerator<T> {
  let cursor: string | null = null;
  do {
    const page: Page<T> = await fetchPage({ limit, cursor });
    yield* page.items;
    cursor = page.nextCursor;
  } while (cursor !== null);
}

/** Collects every item of a paginated list into an array (for lists known to be small). */
export async function collectAll<T>(
  fetchPage: (page: PageRequest) => Promise<Page<T>>,
  limit = 1000,
): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iteratePages(fetchPage, limit)) out.push(item);
  return out;
}

/** Collects a sync or async iterable into an array (for sources known to be small). */
export async function collect<T>(items: Iterable<T> | AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
