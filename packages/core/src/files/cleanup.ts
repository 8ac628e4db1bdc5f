import type { FileReference } from '../contracts/base-storage.js';
import type { FileStore, ListEntry } from '../contracts/file-store.js';
import { iteratePages } from '../pagination/iterate.js';
import { POINTER_MAX_BYTES, readPointer } from './blob-pointer.js';
import { AREA_PREFIXES, blobShaOf, blobTouchKey, blobTouchShaOf, classifyKey } from './layout.js';

/** The keys records reference: `BaseStorage.fileReferences()`, or a set of keys. */
export type ReferenceSource = AsyncIterable<FileReference> | Iterable<FileReference> | ReadonlySet<string>;

/** Options of `cleanup`. */
export interface CleanupOptions {
  references: ReferenceSource;
  /** The current time (tests, dry reasoning); default now. */
  now?: Date;
  /**
   * Temp files (and the store's own abandoned uploads, see `FileStore.cleanupIncomplete`) older than this are
   * removed; default the manager's `tempMaxAgeHours`. A finite number ≥ 0.
   */
  tempMaxAgeMs?: number;
  /**
   * Unreferenced videos, outputs, frames, models and blobs younger than this are kept: a file is written before
   * the record that names it, so a fresh file may simply not be referenced yet. Default: the manager's
   * `cleanupGraceMs`. A finite number ≥ 0 (NaN, negative or infinite ages are `VALIDATION`).
   */
  graceMs?: number;
  /** Overwrite local files before removing them (see `secureDelete`; not the store's abandoned uploads). */
  secure?: boolean;
}

/** What `cleanup` removed. */
export interface CleanupResult {
  videosRemoved: number;
  outputsRemoved: number;
  framesRemoved: number;
  modelsRemoved: number;
  tempRemoved: number;
  blobsRemoved: number;
  /** Abandoned in-flight uploads the store itself removed (`FileStore.cleanupIncomplete`; 0 without it). */
  incompleteRemoved: number;
  /** Bytes of everything above, the store's abandoned uploads included. */
  bytesFreed: number;
}

/** Every entry under `prefix`, page after page. */
export function listAll(store: FileStore, prefix: string, limit = 1000): AsyncGenerator<ListEntry> {
  return iteratePages((page) => store.list({ prefix, ...page }), limit);
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

type Counted =
  | 'videosRemoved'
  | 'outputsRemoved'
  | 'framesRemoved'
  | 'modelsRemoved'
  | 'tempRemoved'
  | 'blobsRemoved';

/**
 * Removes unreferenced videos, outputs, frames and models (orphans of a crashed ingest or of a record that never
 * landed), old temp files and the store's own abandoned uploads, then blobs no pointer names (with their touch
 * markers). Never touches any other area (timelines, cache, backups …), nor a referenced key. Candidates are
 * collected before anything is deleted, so backends whose cursors are positions still list every key. A blob reused (touched) or rewritten
 * since it was listed is kept: its new pointer may have landed after the scan for pointers.
 */
export async function cleanupFiles(
  store: FileStore,
  references: Set<string>,
  settings: CleanupSettings,
): Promise<CleanupResult> {
  const result: CleanupResult = {
    videosRemoved: 0,
    outputsRemoved: 0,
    framesRemoved: 0,
    modelsRemoved: 0,
    tempRemoved: 0,
    blobsRemoved: 0,
    incompleteRemoved: 0,
    bytesFreed: 0,
  };
  const age = (entry: { lastModified: string }) => settings.now - Date.parse(entry.lastModified);

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

  const young = (entry: { lastModified: string }) => age(entry) < settings.graceMs;
  await removeAll(await orphans(AREA_PREFIXES.videos, young), 'videosRemoved');
  await removeAll(await orphans(AREA_PREFIXES.output, young), 'outputsRemoved');
  await removeAll(await orphans(AREA_PREFIXES.frames, young), 'framesRemoved');
  await removeAll(await orphans(AREA_PREFIXES.models, young), 'modelsRemoved');
  await removeAll(await orphans(AREA_PREFIXES.temp, (e) => age(e) <= settings.tempMaxAgeMs), 'tempRemoved');
  if (typeof store.cleanupIncomplete === 'function') {
    const incomplete = await store.cleanupIncomplete(settings.tempMaxAgeMs);
    result.incompleteRemoved += incomplete.removed;
    result.bytesFreed += incomplete.bytes;
  }

  // Blobs: unreferenced, neither the blob nor its touch marker young, and named by no pointer.
  const blobs = new Map<string, ListEntry>();
  const touches = new Map<string, ListEntry>();
  for await (const entry of listAll(store, AREA_PREFIXES.blobs)) {
    const sha256 = blobShaOf(entry.key);
    if (sha256 !== null) blobs.set(sha256, entry);
    const touched = blobTouchShaOf(entry.key);
    if (touched !== null) touches.set(touched, entry);
  }
  const candidates = [...blobs].filter(([sha256, entry]) => {
    const touch = touches.get(sha256);
    return !references.has(entry.key) && !young(entry) && !(touch && young(touch));
  });
  if (candidates.length > 0) {
    const live = await liveBlobs(store);
    for (const [sha256, entry] of candidates) {
      if (live.has(sha256) || (await usedSinceListed(store, entry, touches.get(sha256), young))) continue;
      await removeAll([entry], 'blobsRemoved');
      touches.delete(sha256);
      await store.delete(blobTouchKey(sha256));
    }
  }
  // Markers whose blob is gone (and that no writer touched lately).
  for (const [sha256, touch] of touches) {
    if (!blobs.has(sha256) && !young(touch)) await store.delete(touch.key);
  }
  return result;
}

/**
 * Whether a blob was rewritten or reused (its touch marker rewritten) since it was listed: a writer that found
 * it after the listing may already have written a pointer the scan for pointers did not see. Checked just
 * before deleting, so only a writer landing between this check and the delete can still lose its blob.
 */
async function usedSinceListed(
  store: FileStore,
  blob: ListEntry,
  listedTouch: ListEntry | undefined,
  young: (entry: { lastModified: string }) => boolean,
): Promise<boolean> {
  const [current, touch] = await Promise.all([
    store.head(blob.key),
    store.head(blobTouchKey(blobShaOf(blob.key) as string)),
  ]);
  if (current === null) return false;
  if (current.lastModified !== blob.lastModified) return true;
  return touch !== null && (touch.lastModified !== listedTouch?.lastModified || young(touch));
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
