import type { ListEntry, ListOptions } from '../../src/contracts/file-store.js';
import type { Page } from '../../src/contracts/page.js';
import { MemoryFileStore } from '../../src/memory/files/index.js';
import { encodeCursor } from '../../src/pagination/cursor.js';

/** Broken on purpose: each page's cursor points one item too early, so the next page repeats an item. */
export class ListRepeatsFileStore extends MemoryFileStore {
  override async list(options?: ListOptions): Promise<Page<ListEntry>> {
    const page = await super.list(options);
    const beforeLast = page.items[page.items.length - 2];
    if (page.nextCursor === null || !beforeLast) return page;
    return { items: page.items, nextCursor: encodeCursor([beforeLast.key]) };
  }
}
