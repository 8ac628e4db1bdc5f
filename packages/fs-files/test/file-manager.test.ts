// The core FileManager suite on a real LocalFileStore: secure delete is checked on the files themselves.
import { access, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeFileManager } from '@vpe-storage/core/conformance/vitest';
import { LocalFileStore, TEMP_DIR } from '../src/index.js';
import { freshRoot } from './helpers.js';

describeFileManager('LocalFileStore', async () => {
  const root = await freshRoot('vpe-fs-fm-');
  const store = new LocalFileStore({ root });
  const pathOf = (store as { pathOf?: (key: string) => string | null }).pathOf;
  return {
    store,
    // LocalFileStore's own `pathOf` when it has one; otherwise its documented layout (root/objects/<key>).
    localPath: pathOf ? (key) => pathOf.call(store, key) : (key) => join(root, 'objects', ...key.split('/')),
    // A temp file as a SIGKILLed put leaves it in `<root>/.vpe-tmp`.
    abandonUpload: async () => {
      const path = join(root, TEMP_DIR, 'killed-upload.tmp');
      await mkdir(join(root, TEMP_DIR), { recursive: true });
      await writeFile(path, Buffer.alloc(4096, 7));
      return () =>
        access(path).then(
          () => true,
          () => false,
        );
    },
    dispose: async () => {
      await store.close();
      await rm(root, { recursive: true, force: true });
    },
  };
});
