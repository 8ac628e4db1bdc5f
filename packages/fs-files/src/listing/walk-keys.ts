// Walks the objects folder in ascending code-unit order of keys, entering only folders that can hold a match.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { keyProblem } from '@vpe-storage/core';
import { errnoOf } from '../disk/map-fs-error.js';

interface Entry {
  name: string;
  dir: boolean;
  /** What the entry sorts by: a folder sorts as "name/" so "a-b" < "a/x" < "a0", exactly as the full keys do. */
  sortKey: string;
}

async function entriesOf(dir: string): Promise<Entry[]> {
  let dirents: import('node:fs').Dirent[];
  try {
    dirents = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    const errno = errnoOf(err);
    if (errno === 'ENOENT' || errno === 'ENOTDIR') return [];
    throw err;
  }
  const out: Entry[] = [];
  // Symlinks and other special files are never objects: skipping them keeps the walk inside the root.
  for (const d of dirents) {
    if (d.isDirectory()) out.push({ name: d.name, dir: true, sortKey: `${d.name}/` });
    else if (d.isFile()) out.push({ name: d.name, dir: false, sortKey: d.name });
  }
  return out.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
}

/**
 * Yields the keys under `objectsDir` that start with `prefix` and sort after `after`, ascending.
 * Starts in the folder part of the prefix ("videos/2026" starts in videos/) so unrelated trees are never read.
 */
export async function* walkKeys(
  objectsDir: string,
  prefix: string,
  after: string | undefined,
): AsyncGenerator<string> {
  const folder = prefix.slice(0, prefix.lastIndexOf('/') + 1);
  yield* walk(join(objectsDir, ...folder.split('/').filter(Boolean)), folder, prefix, after);
}

async function* walk(
  dir: string,
  keyPrefix: string,
  prefix: string,
  after: string | undefined,
): AsyncGenerator<string> {
  for (const e of await entriesOf(dir)) {
    const key = keyPrefix + e.name;
    if (e.dir) {
      const sub = `${key}/`;
      if (!sub.startsWith(prefix) && !prefix.startsWith(sub)) {
        // Entries are sorted: once one sorts past the prefix, so do all that follow.
        if (sub > prefix) return;
        continue;
      }
      // Every key under `sub` sorts before `after` when `sub` does and is not a prefix of it.
      if (after !== undefined && sub < after && !after.startsWith(sub)) continue;
      yield* walk(join(dir, e.name), sub, prefix, after);
    } else {
      if (!key.startsWith(prefix)) {
        if (key > prefix) return;
        continue;
      }
      if (after !== undefined && key <= after) continue;
      if (keyProblem(key) !== null) continue; // a file dropped in by hand with a name no key can have
      yield key;
    }
  }
}
