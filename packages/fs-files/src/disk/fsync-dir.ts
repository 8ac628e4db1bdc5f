import { open } from 'node:fs/promises';
import { errnoOf } from './map-fs-error.js';

/** Flushes a directory's entries (a rename is durable only once its directory is synced); a vanished folder is fine. */
export async function fsyncDir(dir: string): Promise<void> {
  let fh: Awaited<ReturnType<typeof open>>;
  try {
    fh = await open(dir, 'r');
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return;
    throw err;
  }
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
