// Where things live under the root: objects, metadata sidecars and temp files.
import { createHash } from 'node:crypto';
import { join } from 'node:path';

/** Folder of the objects: `<root>/objects/<key>`, so a key is a plain path anyone can browse. */
export const OBJECTS_DIR = 'objects';
/** Folder of the sidecars: `<root>/.vpe-meta/<h[0..2]>/<h>.json` with h = sha256(key) (fits any key length). */
export const META_DIR = '.vpe-meta';
/** Folder of in-flight writes: `<root>/.vpe-tmp/<random>.tmp`, on the same file system so rename is atomic. */
export const TEMP_DIR = '.vpe-tmp';

/** The absolute folders of a store rooted at `root` (already resolved). */
export interface Layout {
  root: string;
  objects: string;
  meta: string;
  temp: string;
}

/** The layout of a root folder. */
export function layoutOf(root: string): Layout {
  return { root, objects: join(root, OBJECTS_DIR), meta: join(root, META_DIR), temp: join(root, TEMP_DIR) };
}

/** The data file of `key` (the key is validated first, so its segments are plain names). */
export function objectPath(layout: Layout, key: string): string {
  return join(layout.objects, ...key.split('/'));
}

/** The sidecar file of `key`. */
export function sidecarPath(layout: Layout, key: string): string {
  const h = createHash('sha256').update(key, 'utf8').digest('hex');
  return join(layout.meta, h.slice(0, 2), `${h}.json`);
}
