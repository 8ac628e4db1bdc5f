// Acknowledged puts are fsynced by an explicit datasync of the complete temp file, on every Node version.
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { patternBytes } from '@vpe-storage/core/conformance';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { writeTemp } from '../src/disk/write-temp.js';
import { LocalFileStore } from '../src/index.js';
import { freshRoot } from './helpers.js';

type FileHandle = Awaited<ReturnType<typeof open>>;

/** FileHandle.prototype, reached through a handle (node:fs/promises does not export the class). */
async function fileHandlePrototype(path: string): Promise<FileHandle> {
  const fh = await open(path, 'w');
  await fh.close();
  return Object.getPrototypeOf(fh) as FileHandle;
}

describe('durable puts: explicit datasync before the rename', () => {
  let root = '';
  let synced: { size: number }[] = [];
  let beforeSync: () => Promise<void> = async () => {};
  beforeEach(async () => {
    root = await freshRoot('vpe-fs-sync-');
    synced = [];
    beforeSync = async () => {};
    const proto = await fileHandlePrototype(join(root, 'probe'));
    const original = proto.datasync;
    vi.spyOn(proto, 'datasync').mockImplementation(async function (this: FileHandle) {
      synced.push({ size: (await this.stat()).size });
      await beforeSync();
      return original.call(this);
    });
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await rm(root, { recursive: true, force: true });
  });

  test('a 5 MiB put datasyncs the whole temp file exactly once (not per chunk), before the key appears', async () => {
    const store = new LocalFileStore({ root: join(root, 's') });
    const bytes = patternBytes(5 * 1024 * 1024 + 3, 4);
    let visibleAtSync: boolean | undefined;
    beforeSync = async () => {
      visibleAtSync = await store.exists('videos/a.mp4');
    };
    await store.put('videos/a.mp4', bytes);
    expect(synced).toEqual([{ size: bytes.length }]);
    expect(visibleAtSync).toBe(false);
    await store.close();
  });

  test('writeTemp syncs when durable and not otherwise', async () => {
    const body = patternBytes(3 * 1024 * 1024, 2);
    const durable = await writeTemp(root, body, {
      key: 'k',
      maxSize: Number.MAX_SAFE_INTEGER,
      durable: true,
    });
    expect(durable.size).toBe(body.length);
    expect(synced).toEqual([{ size: body.length }]);
    await writeTemp(root, body, { key: 'k', maxSize: Number.MAX_SAFE_INTEGER, durable: false });
    expect(synced).toHaveLength(1);
  });

  test('a store with fsync: false never datasyncs', async () => {
    const store = new LocalFileStore({ root: join(root, 'fast'), fsync: false });
    await store.put('models/m.bin', patternBytes(2 * 1024 * 1024, 1));
    expect(synced).toEqual([]);
    await store.close();
  });
});
