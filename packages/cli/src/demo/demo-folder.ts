import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { StorageError } from '@vpe-storage/core';

/** The file that marks a folder as the demo's own, so a rerun may wipe it. */
export const DEMO_MARKER = '.vpe-storage-demo';

/**
 * Gives the demo a fresh, empty folder: a folder the demo made before (it holds the marker) is wiped;
 * any other non-empty folder is refused, so `--dir` can never destroy someone's data.
 */
export async function freshDemoFolder(dir: string): Promise<string> {
  const folder = resolve(dir);
  if (existsSync(folder)) {
    const entries = await readdir(folder);
    if (entries.length > 0 && !entries.includes(DEMO_MARKER)) {
      throw new StorageError(
        'VALIDATION',
        `${folder} is not empty and was not made by the demo: pass --dir with a new or empty folder`,
      );
    }
    await rm(folder, { recursive: true, force: true });
  }
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, DEMO_MARKER), 'made by `vpe-storage demo`; a rerun wipes this folder\n');
  return folder;
}
