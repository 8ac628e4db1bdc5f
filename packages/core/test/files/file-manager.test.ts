import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeFileManager } from '../../src/conformance/vitest.js';
import { MemoryFileStore } from '../../src/index.js';
import { DiskTestStore } from './support/disk-test-store.js';

describeFileManager('a folder (test store with pathOf)', async () => {
  const root = await mkdtemp(join(tmpdir(), 'vpe-fm-store-'));
  const store = new DiskTestStore(root);
  return {
    store,
    localPath: (key) => store.pathOf(key),
    dispose: () => rm(root, { recursive: true, force: true }),
  };
});

describeFileManager('MemoryFileStore', async () => {
  const store = new MemoryFileStore();
  return { store, dispose: () => store.close() };
});
