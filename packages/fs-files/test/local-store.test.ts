// What is particular to the local folder: layout on disk, sidecar repair, verify, temp cleanup, URLs.
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FilesConfigSchema, isStorageError, openStorage } from '@vpe-storage/core';
import { patternBytes, readAll } from '@vpe-storage/core/conformance';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createFileStore, LocalFileStore, META_DIR, rootOfUrl, TEMP_DIR } from '../src/index.js';
import { freshRoot } from './helpers.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const sidecarOf = (root: string, key: string) => {
  const h = createHash('sha256').update(key).digest('hex');
  return join(root, META_DIR, h.slice(0, 2), `${h}.json`);
};

describe('LocalFileStore on disk', () => {
  let root = '';
  let store: LocalFileStore;
  beforeEach(async () => {
    root = await freshRoot();
    store = new LocalFileStore({ root });
  });
  afterEach(async () => {
    await store.close();
    await rm(root, { recursive: true, force: true });
  });

  test('layout: bytes at objects/<key>, a JSON sidecar in .vpe-meta, nothing left in .vpe-tmp', async () => {
    const bytes = patternBytes(5000, 1);
    await store.put('videos/2026/a.mp4', bytes, { contentType: 'video/mp4', metadata: { owner: 'ann' } });
    expect(await readFile(join(root, 'objects', 'videos', '2026', 'a.mp4'))).toEqual(bytes);
    const sc = JSON.parse(await readFile(sidecarOf(root, 'videos/2026/a.mp4'), 'utf8'));
    expect(sc).toMatchObject({
      v: 1,
      key: 'videos/2026/a.mp4',
      size: 5000,
      sha256: sha(bytes),
      contentType: 'video/mp4',
    });
    expect(sc.metadata).toEqual({ owner: 'ann' });
    expect(await readdir(join(root, TEMP_DIR))).toEqual([]);
  });

  test('a missing sidecar (crash after the data rename) is recomputed from the bytes and repaired', async () => {
    const bytes = patternBytes(300_000, 2);
    await store.put('k.bin', bytes, { contentType: 'video/mp4' });
    await rm(sidecarOf(root, 'k.bin'));
    const head = await store.head('k.bin');
    expect(head).toMatchObject({
      key: 'k.bin',
      size: 300_000,
      sha256: sha(bytes),
      contentType: 'application/octet-stream',
    });
    const repaired = JSON.parse(await readFile(sidecarOf(root, 'k.bin'), 'utf8'));
    expect(repaired.sha256).toBe(sha(bytes));
  });

  test('a crash between data rename and sidecar rename loses nothing: head commits the staged sidecar', async () => {
    const bytes = patternBytes(10_000, 4);
    await store.put('k.bin', bytes, { contentType: 'video/webm', metadata: { scene: '7' } });
    // Recreate the crash window: the staged sidecar is still in .vpe-tmp, the final one is missing.
    const scPath = sidecarOf(root, 'k.bin');
    await writeFile(join(root, TEMP_DIR, 'deadbeef.json.tmp'), await readFile(scPath));
    await rm(scPath);
    const head = await store.head('k.bin');
    expect(head).toMatchObject({ sha256: sha(bytes), contentType: 'video/webm', metadata: { scene: '7' } });
    expect(JSON.parse(await readFile(scPath, 'utf8')).contentType).toBe('video/webm');
  });

  test('a stale sidecar (file replaced behind the store) is not trusted', async () => {
    await store.put('k.bin', Buffer.from('old bytes'), { contentType: 'text/plain' });
    const fresh = Buffer.from('replaced by hand');
    await writeFile(join(root, 'objects', 'k.bin'), fresh);
    const head = await store.head('k.bin');
    expect(head?.sha256).toBe(sha(fresh));
    expect(head?.size).toBe(fresh.length);
  });

  test('a corrupt or truncated sidecar is treated as missing', async () => {
    const bytes = Buffer.from('payload');
    await store.put('k.bin', bytes);
    await writeFile(sidecarOf(root, 'k.bin'), '{"v":1,"key":"k.b');
    expect((await store.head('k.bin'))?.sha256).toBe(sha(bytes));
  });

  test('get({ verify }) fails the stream with INTEGRITY when the bytes no longer match the recorded sha256', async () => {
    const bytes = patternBytes(3 * 1024 * 1024, 3);
    await store.put('rot.bin', bytes);
    // Simulate bit rot: same size and mtime, different recorded hash.
    const path = sidecarOf(root, 'rot.bin');
    const sc = JSON.parse(await readFile(path, 'utf8'));
    await writeFile(path, JSON.stringify({ ...sc, sha256: sha(Buffer.from('something else')) }));
    const err = await readAll(await store.get('rot.bin', { verify: true })).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isStorageError(err, 'INTEGRITY'), String(err)).toBe(true);
    expect((await readAll(await store.get('rot.bin'))).length).toBe(bytes.length);
  });

  test('cleanupTemp removes temp files older than the cutoff and reports files and bytes', async () => {
    const tmp = join(root, TEMP_DIR);
    await store.exists('x'); // creates the folders
    await writeFile(join(tmp, 'old1.tmp'), Buffer.alloc(1000));
    await writeFile(join(tmp, 'old2.json.tmp'), Buffer.alloc(24));
    await writeFile(join(tmp, 'young.tmp'), Buffer.alloc(7));
    const hourAgo = new Date(Date.now() - 3600_000);
    await utimes(join(tmp, 'old1.tmp'), hourAgo, hourAgo);
    await utimes(join(tmp, 'old2.json.tmp'), hourAgo, hourAgo);
    expect(await store.cleanupTemp(60_000)).toEqual({ files: 2, bytes: 1024 });
    expect(await readdir(tmp)).toEqual(['young.tmp']);
    expect(await store.cleanupTemp(0)).toEqual({ files: 1, bytes: 7 });
    await expect(store.cleanupTemp(-1)).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  test('delete removes the sidecar and prunes folders left empty', async () => {
    await store.put('a/b/c/d.bin', Buffer.from('x'));
    await store.put('a/keep.bin', Buffer.from('y'));
    expect(await store.delete('a/b/c/d.bin')).toBe(true);
    expect(await readdir(join(root, 'objects', 'a'))).toEqual(['keep.bin']);
    await expect(stat(sidecarOf(root, 'a/b/c/d.bin'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  test('maxFileSize caps every put (VALIDATION, nothing stored)', async () => {
    const capped = new LocalFileStore({ root, maxFileSize: 1000 });
    await expect(capped.put('big.bin', Buffer.alloc(1001))).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await capped.exists('big.bin')).toBe(false);
    await capped.put('fits.bin', Buffer.alloc(1000));
    expect(await readdir(join(root, TEMP_DIR))).toEqual([]);
  });

  test('bad constructor options are refused with VALIDATION', () => {
    expect(() => new LocalFileStore({ root: '' })).toThrow(/root folder/);
    expect(() => new LocalFileStore({ root, maxFileSize: -5 })).toThrow(/maxFileSize/);
  });
});

describe('createFileStore(url, config)', () => {
  test('openStorage() opens a file: URL through this package', async () => {
    const root = await freshRoot();
    try {
      const opened = await openStorage(
        { database: { url: 'memory:' }, files: { url: pathToFileURL(root).href } },
        { '@vpe-storage/fs-files': await import('../src/index.js') },
      );
      expect(opened.files).toBeInstanceOf(LocalFileStore);
      await opened.files.put('x/y.txt', Buffer.from('hi'));
      expect(await readFile(join(root, 'objects', 'x', 'y.txt'), 'utf8')).toBe('hi');
      expect(opened.files instanceof LocalFileStore && opened.files.pathOf('x/y.txt')).toBe(
        join(root, 'objects', 'x', 'y.txt'),
      );
      await opened.close();
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  const config = FilesConfigSchema.parse({});

  test('file:./data and file:data are relative to the working folder, file:///abs is absolute', () => {
    expect(rootOfUrl('file:./data')).toBe(resolve('data'));
    expect(rootOfUrl('file:data')).toBe(resolve('data'));
    expect(rootOfUrl('file:///srv/vpe%20data')).toBe('/srv/vpe data');
    expect(() => rootOfUrl('file:')).toThrow(/names no folder/);
    expect(() => rootOfUrl('s3://bucket')).toThrow(/not a file: URL/);
  });

  test('gives a working LocalFileStore on the URL folder with the config file-size cap', async () => {
    const root = await freshRoot();
    try {
      const store = createFileStore(pathToFileURL(root).href, { ...config, maxFileSize: 10 });
      expect(store).toBeInstanceOf(LocalFileStore);
      expect(store.root).toBe(root);
      await store.put('a.txt', Buffer.from('0123456789'));
      await expect(store.put('b.txt', Buffer.from('0123456789A'))).rejects.toMatchObject({
        code: 'VALIDATION',
      });
      const again = createFileStore(pathToFileURL(root).href, config);
      expect((await again.head('a.txt'))?.size).toBe(10);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
