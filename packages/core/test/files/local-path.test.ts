import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileManager, MemoryFileStore } from '../../src/index.js';
import { DiskTestStore } from './support/disk-test-store.js';

describe('FileManager.localPath', () => {
  let root = '';
  afterEach(() => rm(root, { recursive: true, force: true }));

  it("uses the store's pathOf(key) when it has one, the resolveLocalPath option first, and null otherwise", async () => {
    root = await mkdtemp(join(tmpdir(), 'vpe-fm-lp-'));
    const disk = new DiskTestStore(root);
    const key = 'models/t/1.0/m.bin';
    expect(new FileManager(disk).localPath(key)).toBe(join(root, 'objects', key));
    expect(new FileManager(disk, { resolveLocalPath: () => '/elsewhere' }).localPath(key)).toBe('/elsewhere');
    expect(new FileManager(new MemoryFileStore()).localPath(key)).toBeNull();
  });
});
