import { posix } from 'node:path';
import { keyProblem } from '@vpe-storage/core';

// The reference stored host paths (`/home/me/app/data/videos/202612/<id>.mp4`). Its FileManager laid
// files out under these folders of the data directory, so the path from the last such folder on is the
// FileStore key the file has when the data directory becomes the FileStore root.
const DATA_FOLDERS = new Set([
  'videos',
  'annotations',
  'models',
  'timelines',
  'output',
  'cache',
  'temp',
  'backups',
]);

/**
 * The FileStore key for a reference host path: from the last data folder on (`videos/202612/x.mp4`),
 * else `legacy/` + the path without its root or drive (`legacy/mnt/media/x.mp4`); null when even that
 * is not a valid key (the caller then uses `legacy/<table>/<id>`).
 */
export function legacyPathToKey(path: string): string | null {
  const normalized = posix.normalize(path.replace(/\\/g, '/').replace(/^[a-zA-Z]:/, ''));
  const segments = normalized.split('/').filter((s) => s !== '' && s !== '.' && s !== '..');
  if (segments.length === 0) return null;
  let from = -1;
  for (let i = segments.length - 2; i >= 0; i--) {
    if (DATA_FOLDERS.has(segments[i] as string)) {
      from = i;
      break;
    }
  }
  const key = from >= 0 ? segments.slice(from).join('/') : `legacy/${segments.join('/')}`;
  return keyProblem(key) === null ? key : null;
}

/** Hands out keys for one table, falling back to `legacy/<table>/<id>/<name>` on an invalid or repeated key. */
export class LegacyKeyAllocator {
  private readonly used = new Set<string>();

  constructor(
    private readonly table: string,
    private readonly unique: boolean,
  ) {}

  /** The key for `path` of row `id`. */
  keyFor(path: string, id: string): string {
    const mapped = legacyPathToKey(path);
    if (mapped !== null && !(this.unique && this.used.has(mapped))) {
      this.used.add(mapped);
      return mapped;
    }
    const name = posix.basename(path.replace(/\\/g, '/')) || 'file';
    const fallback = [
      `legacy/${this.table}/${id}/${name}`,
      `legacy/${this.table}/${encodeURIComponent(id)}`,
    ].find((k) => keyProblem(k) === null);
    const key = fallback ?? `legacy/${this.table}/${this.used.size}`;
    this.used.add(key);
    return key;
  }
}
