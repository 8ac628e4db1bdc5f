import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { StorageError } from '../../src/errors/storage-error.js';
import type { VideoPrivacyStorage } from '../../src/facade/index.js';
import { MemoryStorage } from '../../src/memory/index.js';
import { allKeys, failingRepo, fakeMp4, memoryFacade, VIDEO_META } from './helpers.js';

let facade: VideoPrivacyStorage | undefined;
afterEach(async () => {
  await facade?.close();
  facade = undefined;
});

describe('facade videos', () => {
  it('stores the file, then a record naming it with size and sha256', async () => {
    facade = await memoryFacade();
    const bytes = fakeMp4();
    const seen: number[] = [];
    const video = await facade.videos.ingest(bytes, VIDEO_META, { onProgress: (n) => seen.push(n) });
    expect(video.fileKey).toMatch(/^videos\/\d{6}\/.+\.mp4$/);
    expect(video.fileSize).toBe(bytes.length);
    expect(video.checksum).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(await facade.files.exists(video.fileKey)).toBe(true);
    expect(await facade.videos.get(video.id)).toEqual(video);
    expect(seen.at(-1)).toBe(bytes.length);
  });

  it('removes the stored file when the record insert fails', async () => {
    const storage = new MemoryStorage();
    const broken = failingRepo(
      storage,
      'videos',
      'create',
      new StorageError('UNAVAILABLE', 'database went away'),
    );
    facade = await memoryFacade({ storage: broken });
    await expect(facade.videos.ingest(fakeMp4(), VIDEO_META)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(await allKeys(facade)).toEqual([]);
    expect((await storage.videos.list()).items).toEqual([]);
  });

  it('refuses bytes that are not a video and writes nothing', async () => {
    facade = await memoryFacade();
    await expect(facade.videos.ingest(Buffer.from('hello, not a video'), VIDEO_META)).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect(await allKeys(facade)).toEqual([]);
  });

  it('validates the metadata before storing anything', async () => {
    facade = await memoryFacade();
    await expect(facade.videos.ingest(fakeMp4(), { ...VIDEO_META, width: -1 })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('width'),
    });
    expect(await allKeys(facade)).toEqual([]);
  });

  it('refuses an existing id without touching its file', async () => {
    facade = await memoryFacade();
    const first = await facade.videos.ingest(fakeMp4('one'), { ...VIDEO_META, id: 'v1' });
    await expect(facade.videos.ingest(fakeMp4('two'), { ...VIDEO_META, id: 'v1' })).rejects.toMatchObject({
      code: 'ALREADY_EXISTS',
    });
    expect((await facade.files.head(first.fileKey))?.sha256).toBe(first.checksum);
  });

  it('delete removes the record, the video file and its frame images', async () => {
    facade = await memoryFacade();
    const video = await facade.videos.ingest(fakeMp4(), VIDEO_META);
    const ann = await facade.annotations.save(
      { videoId: video.id, timestamp: 1, bbox: { x: 1, y: 1, width: 4, height: 4 }, label: 'face' },
      { data: new Uint8Array(8 * 8 * 3), width: 8, height: 8, channels: 3 },
    );
    expect(ann.imageKey).not.toBeNull();
    expect(await facade.videos.delete(video.id)).toBe(true);
    expect(await facade.videos.get(video.id)).toBeNull();
    expect(await facade.annotations.get(ann.id)).toBeNull();
    expect(await allKeys(facade)).toEqual([]);
  });
});
