// The core FileManager suite on a real LocalFileStore: secure delete is checked on the files themselves.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describeFileManager } from '../../core/test/files/support/file-manager-suite.js';
import { LocalFileStore } from '../src/index.js';
import { freshRoot } from './helpers.js';

describeFileManager('LocalFileStore', async () => {
  const root = await freshRoot('vpe-fs-fm-');
  const store = new LocalFileStore({ root });
  const pathOf = (store as { pathOf?: (key: string) => string | null }).pathOf;
  return {
    store,
    // LocalFileStore's own `pathOf` when it has one; otherwise its documented layout (root/objects/<key>).
    localPath: pathOf ? (key) => pathOf.call(store, key) : (key) => join(root, 'objects', ...key.split('/')),
    dispose: async () => {
      await store.close();
      await rm(root, { recursive: true, force: true });
    },
  };
});
