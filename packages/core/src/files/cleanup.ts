import type { FileReference } from '../contracts/base-storage.js';
import type { FileStore, ListEntry } from '../contracts/file-store.js';
import { POINTER_MAX_BYTES, readPointer } from './blob-pointer.js';
import { AREA_PREFIXES, blobShaOf, classifyKey } from './layout.js';

/** The keys records reference: `BaseStorage.fileReferences()`, or a set of keys. */
export type ReferenceSource = AsyncIterable<FileReference> | Iterable<FileReference> | ReadonlySet<string>;

/** Options of `cleanup`. */
export interface CleanupOptions {
  references: ReferenceSource;
  /** The current time (tests, dry reasoning); default now. */
  now?: Date;
  /** Temp files older than this are removed; default the manager's `tempMaxAgeHours`. */
  tempMaxAgeMs?: number;
  /**
   * Unreferenced frames, models and blobs younger than this are kept: a file is written before the record that
   * names it, so a fresh file may simply not be referenced yet. Default: the manager's `cleanupGraceMs`.
   */
  graceMs?: number;
  /** Overwrite local files before removing them (see `secureDelete`). */
  secure?: boolean;
}

/** What `cleanup` removed. */
export interface CleanupResult {
  framesRemoved: number;
  modelsRemoved: number;
  tempRemoved: number;
  blobsRemoved: number;
  bytesFreed: number;
}

/** Every entry under `prefix`, page after page. */
export async function* listAll(store: FileStore, prefix: string, limit = 1000): AsyncGenerator<ListEntry> {
  let cursor: string | null = null;
  do {
    const page = await store.list({ prefix, limit, cursor });
    yield* page.items;
    cursor = page.nextCursor;
  } while (cursor !== null);
}

/** Collects referenced keys into a set. */
export async function collectReferences(source: ReferenceSource): Promise<Set<string>> {
  if (source instanceof Set) return new Set(source as ReadonlySet<string>);
  const keys = new Set<string>();
  for await (const ref of source as AsyncIterable<FileReference>) keys.add(ref.key);
  return keys;
}

/** The resolved settings cleanup runs with. */
export interface CleanupSettings {
  now: number;
  tempMaxAgeMs: number;
  graceMs: number;
  remove: (key: string) => Promise<boolean>;
}

type Counted = 'framesRemoved' | 'modelsRemoved' | 'tempRemoved' | 'blobsRemoved';

/**
 * Removes unreferenced frames and models, old temp files, then blobs no pointer names. Never touches videos or
 * any other area, nor a referenced key. Candidates are collected before anything is deleted, so backends whose
 * cursors are positions still list every key.
 */
export async function cleanupFiles(
  store: FileStore,
  references: Set<string>,
  settings: CleanupSettings,
): Promise<CleanupResult> {
  const result: CleanupResult = {
    framesRemoved: 0,
    modelsRemoved: 0,
    tempRemoved: 0,
    blobsRemoved: 0,
    bytesFreed: 0,
  };
  const age = (entry: ListEntry) => settings.now - Date.parse(entry.lastModified);

  const removeAll = async (entries: ListEntry[], counter: Counted) => {
    for (const entry of entries) {
      if (await settings.remove(entry.key)) {
        result[counter] += 1;
        result.bytesFreed += entry.size;
      }
    }
  };
  const orphans = async (prefix: string, keep: (entry: ListEntry) => boolean) => {
    const found: ListEntry[] = [];
    for await (const entry of listAll(store, prefix))
      if (!references.has(entry.key) && !keep(entry)) found.push(entry);
    return found;
  };

  const young = (entry: ListEntry) => age(entry) < settings.graceMs;
  await removeAll(await orphans(AREA_PREFIXES.frames, young), 'framesRemoved');
  await removeAll(await orphans(AREA_PREFIXES.models, young), 'modelsRemoved');
  await removeAll(await orphans(AREA_PREFIXES.temp, (e) => age(e) <= settings.tempMaxAgeMs), 'tempRemoved');

  const blobs = await orphans(AREA_PREFIXES.blobs, (e) => young(e) || blobShaOf(e.key) === null);
  if (blobs.length > 0) {
    const live = await liveBlobs(store);
    await removeAll(
      blobs.filter((e) => !live.has(blobShaOf(e.key) as string)),
      'blobsRemoved',
    );
  }
  return result;
}

/** The sha256 of every blob a pointer (anywhere outside `blobs/`) still names. */
async function liveBlobs(store: FileStore): Promise<Set<string>> {
  const live = new Set<string>();
  for await (const entry of listAll(store, '')) {
    if (entry.size > POINTER_MAX_BYTES || classifyKey(entry.key) === 'blobs') continue;
    const pointer = await readPointer(store, entry.key);
    if (pointer) live.add(pointer.sha256);
  }
  return live;
}
