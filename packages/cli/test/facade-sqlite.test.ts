import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  annotationsForVideoCacheKey,
  type BaseStorage,
  StorageError,
  VideoPrivacyStorage,
} from '@vpe-storage/core';
import * as fsFiles from '@vpe-storage/fs-files';
import * as sqlite from '@vpe-storage/sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { removeDir, SAMPLE, tempDir, tree } from './run-cli.js';

// The facade on the embedded default (SQLite file + local folder), in-process, checking the disk itself.
let dir: string;
let facade: VideoPrivacyStorage;
const adapters = { '@vpe-storage/sqlite': sqlite, '@vpe-storage/fs-files': fsFiles };
const meta = { duration: 5, frameRate: 25, width: 320, height: 240, codec: 'h264' };
const objects = () => join(dir, 'data', fsFiles.OBJECTS_DIR);
const config = () => ({
  database: { url: `sqlite:${join(dir, 'app.db')}` },
  files: { url: `file:${join(dir, 'data')}` },
});

beforeEach(async () => {
  dir = await tempDir('vpe-facade-');
  facade = await VideoPrivacyStorage.open(config(), adapters);
});
afterEach(async () => {
  await facade.close();
  await removeDir(dir);
});

/**
 * `storage` whose `videos.create` fails with UNAVAILABLE: before the insert (the record provably never landed),
 * or after it (a connection lost after COMMIT: the record is there although the call failed).
 */
function failingVideoInsert(storage: BaseStorage, when: 'before' | 'after'): BaseStorage {
  const videos = new Proxy(storage.videos, {
    get: (t, p) =>
      p === 'create'
        ? async (...args: Parameters<BaseStorage['videos']['create']>) => {
            if (when === 'after') await t.create(...args);
            throw new StorageError('UNAVAILABLE', 'database is locked');
          }
        : Reflect.get(t, p),
  });
  return new Proxy(storage, { get: (t, p) => (p === 'videos' ? videos : Reflect.get(t, p)) });
}

describe('facade on SQLite + local disk', () => {
  it('ingests the sample: the bytes on disk are the sample, the record names them', async () => {
    const video = await facade.videos.ingest(SAMPLE, meta);
    expect(await readFile(join(objects(), video.fileKey))).toEqual(await readFile(SAMPLE));
    // Another instance on the same URLs sees the record (persistent, not a cache).
    const other = await VideoPrivacyStorage.open(config(), adapters);
    try {
      expect(await other.videos.get(video.id)).toEqual(video);
    } finally {
      await other.close();
    }
  });

  it('a failed record insert removes the stored file from the disk when the record provably is not there', async () => {
    const broken = new VideoPrivacyStorage({
      storage: failingVideoInsert(facade.storage, 'before'),
      files: facade.files,
      cache: facade.cache,
    });
    await expect(broken.videos.ingest(SAMPLE, meta)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    const left = Object.keys(await tree(objects()).catch(() => ({})));
    expect(left.filter((k) => k.startsWith('videos'))).toEqual([]);
  });

  it('an insert that failed after COMMIT keeps the file the landed record names', async () => {
    const broken = new VideoPrivacyStorage({
      storage: failingVideoInsert(facade.storage, 'after'),
      files: facade.files,
      cache: facade.cache,
    });
    await expect(broken.videos.ingest(SAMPLE, meta)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    const [video] = (await facade.videos.list()).items;
    expect(video).toBeDefined();
    expect(await readFile(join(objects(), video?.fileKey as string))).toEqual(await readFile(SAMPLE));
    expect((await facade.checkIntegrity()).ok).toBe(true);
  });

  it('a cached read is invalidated by a write', async () => {
    const video = await facade.videos.ingest(SAMPLE, meta);
    const box = { x: 1, y: 1, width: 10, height: 10 };
    await facade.annotations.save({ videoId: video.id, timestamp: 1, bbox: box, label: 'face' });
    expect(await facade.annotations.forVideo(video.id)).toHaveLength(1);
    expect(await facade.cache.has(annotationsForVideoCacheKey(video.id))).toBe(true);
    await facade.annotations.save({ videoId: video.id, timestamp: 2, bbox: box, label: 'face' });
    expect(await facade.cache.has(annotationsForVideoCacheKey(video.id))).toBe(false);
    expect(await facade.annotations.forVideo(video.id)).toHaveLength(2);
  });

  it('checkIntegrity sees bytes altered on disk and a file deleted behind its back', async () => {
    const video = await facade.videos.ingest(SAMPLE, meta);
    expect((await facade.checkIntegrity()).ok).toBe(true);
    const path = join(objects(), video.fileKey);
    const bytes = await readFile(path);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1); // flipped bits, same size
    await writeFile(path, bytes);
    expect((await facade.checkIntegrity()).issues.map((i) => i.check)).toEqual(['CHECKSUM_MISMATCH']);
    await rm(path);
    expect((await facade.checkIntegrity()).issues).toEqual([
      expect.objectContaining({ check: 'MISSING_FILE', id: video.id }),
    ]);
  });

  it('cleanup removes an orphaned frame left by a crash between file and record', async () => {
    const video = await facade.videos.ingest(SAMPLE, meta);
    const frame = await facade.fileManager.storeFrameImage(
      { data: new Uint8Array(8 * 8 * 3), width: 8, height: 8, channels: 3 },
      { annotationId: 'never-recorded', timestampMs: 0 },
    );
    expect((await facade.checkIntegrity()).issues.map((i) => i.check)).toEqual(['ORPHANED_FILE']);
    expect(await facade.cleanup({ graceMs: 0 })).toMatchObject({ framesRemoved: 1 });
    expect(await facade.files.exists(frame.key)).toBe(false);
    expect(await facade.files.exists(video.fileKey)).toBe(true);
    expect((await facade.checkIntegrity()).ok).toBe(true);
  });
});
