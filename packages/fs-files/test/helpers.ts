// Test helpers: a fresh temp root per case and a raw reader that reads the bytes straight from disk.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileStoreFixture } from '@vpe-storage/core/conformance';
import { LocalFileStore } from '../src/index.js';

/** A new empty folder under the OS temp folder. */
export function freshRoot(label = 'vpe-fs-'): Promise<string> {
  return mkdtemp(join(tmpdir(), label));
}

/** The bytes of `key` on disk, bypassing the store; null when missing. */
export async function readObjectFile(root: string, key: string): Promise<Uint8Array | null> {
  try {
    return await readFile(join(root, 'objects', ...key.split('/')));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return null;
    throw err;
  }
}

/** A conformance fixture on a fresh root, removed afterwards. */
export async function localFixture(): Promise<FileStoreFixture> {
  const root = await freshRoot();
  const store = new LocalFileStore({ root });
  return {
    store,
    raw: { readBytes: (key) => readObjectFile(root, key) },
    reopen: async () => new LocalFileStore({ root }),
    dispose: async () => {
      await store.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
