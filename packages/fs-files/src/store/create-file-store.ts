import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FilesConfig, StorageError } from '@vpe-storage/core';
import { LocalFileStore } from './local-file-store.js';

/** The folder of a `file:` URL: `file:./data` and `file:data` are relative to the working folder, `file:///abs` is absolute. */
export function rootOfUrl(url: string): string {
  if (!/^file:/i.test(url)) {
    throw new StorageError(
      'VALIDATION',
      `not a file: URL ${JSON.stringify(url)}: use file:./data or file:///absolute/path`,
    );
  }
  if (/^file:\/\//i.test(url)) {
    try {
      return fileURLToPath(url);
    } catch (err) {
      throw new StorageError(
        'VALIDATION',
        `invalid file URL ${JSON.stringify(url)}: use file:///absolute/path`,
        { cause: err },
      );
    }
  }
  const path = decodeURIComponent(url.slice('file:'.length));
  if (path.length === 0)
    throw new StorageError('VALIDATION', `file URL ${JSON.stringify(url)} names no folder: use file:./data`);
  return resolve(path);
}

/** What `openStorage()` calls for `file:` URLs. */
export function createFileStore(url: string, config: FilesConfig): LocalFileStore {
  return new LocalFileStore({ root: rootOfUrl(url), maxFileSize: config.maxFileSize });
}
