import { afterEach, describe, expect, it } from 'vitest';
import {
  annotationCacheKey,
  annotationsForVideoCacheKey,
  type VideoPrivacyStorage,
} from '../../src/facade/index.js';
import { allKeys, fakeMp4, memoryFacade, rawFrame, VIDEO_META } from './helpers.js';

let facade: VideoPrivacyStorage | undefined;
afterEach(async () => {
  await facade?.close();
  facade = undefined;
});

async function withVideo() {
  facade = await memoryFacade();
  const video = await facade.videos.ingest(fakeMp4(), VIDEO_META);
  return { facade, video };
}

const box = { x: 10, y: 20, width: 30, height: 40 };

describe('facade annotations', () => {
  it('stores the frame image first and the record names it', async () => {
    const { facade, video } = await withVideo();
    const ann = await facade.annotations.save(
      { videoId: video.id, timestamp: 1.5, bbox: box, label: 'face' },
      rawFrame(),
    );
    expect(ann.imageKey).toMatch(
      new RegExp(`^annotations/frames/\\d{6}/\\d{2}/frame_${ann.id}\\.[0-9a-f]{12}_0000001500\\.png$`),
    );
    expect(await facade.files.exists(ann.imageKey as string)).toBe(true);
  });

  it('removes the stored image when the record is refused', async () => {
    const { facade, video } = await withVideo();
    const before = await allKeys(facade);
    await expect(
      facade.annotations.save(
        { videoId: video.id, sceneId: 'no-such-scene', timestamp: 1, bbox: box, label: 'face' },
        rawFrame(),
      ),
    ).rejects.toMatchObject({ code: 'CONSTRAINT' });
    expect(await allKeys(facade)).toEqual(before);
  });

  it('serves reads from the cache and drops them on every write', async () => {
    const { facade, video } = await withVideo();
    const a = await facade.annotations.save({ videoId: video.id, timestamp: 2, bbox: box, label: 'face' });
    expect(await facade.annotations.forVideo(video.id)).toHaveLength(1);
    expect(await facade.annotations.forVideo(video.id, { label: 'face' })).toHaveLength(1);
    expect(await facade.annotations.get(a.id)).toEqual(a);
    expect(await facade.cache.has(annotationsForVideoCacheKey(video.id))).toBe(true);
    expect(await facade.cache.has(annotationsForVideoCacheKey(video.id, 'face'))).toBe(true);
    expect(await facade.cache.has(annotationCacheKey(a.id))).toBe(true);

    // A read served from the cache: the store changed behind the facade's back, the cache still answers.
    await facade.storage.annotations.save({ videoId: video.id, timestamp: 3, bbox: box, label: 'face' });
    expect(await facade.annotations.forVideo(video.id)).toHaveLength(1);

    // A write through the facade invalidates the list, the filtered list and the record.
    await facade.annotations.save({ ...a, label: 'plate' });
    expect(await facade.cache.has(annotationsForVideoCacheKey(video.id))).toBe(false);
    expect(await facade.cache.has(annotationsForVideoCacheKey(video.id, 'face'))).toBe(false);
    expect((await facade.annotations.get(a.id))?.label).toBe('plate');
    expect(await facade.annotations.forVideo(video.id)).toHaveLength(2);
    expect(await facade.annotations.forVideo(video.id, { label: 'face' })).toHaveLength(1);
  });

  it('delete removes the record, then the image, and the cached copies', async () => {
    const { facade, video } = await withVideo();
    const a = await facade.annotations.save(
      { videoId: video.id, timestamp: 1, bbox: box, label: 'face' },
      rawFrame(),
    );
    await facade.annotations.get(a.id);
    await facade.annotations.forVideo(video.id);
    expect(await facade.annotations.delete(a.id)).toBe(true);
    expect(await facade.annotations.get(a.id)).toBeNull();
    expect(await facade.annotations.forVideo(video.id)).toEqual([]);
    expect(await facade.files.exists(a.imageKey as string)).toBe(false);
    expect(await facade.annotations.delete(a.id)).toBe(false);
  });

  it('replacing an annotation with a new frame removes the old image', async () => {
    const { facade, video } = await withVideo();
    const a = await facade.annotations.save(
      { videoId: video.id, timestamp: 1, bbox: box, label: 'face' },
      rawFrame(),
    );
    const b = await facade.annotations.save({ ...a, timestamp: 2 }, rawFrame());
    expect(b.imageKey).not.toBe(a.imageKey);
    expect(await facade.files.exists(a.imageKey as string)).toBe(false);
    expect(await facade.files.exists(b.imageKey as string)).toBe(true);
  });

  it('reads a time range and rejects an invalid bbox before storing anything', async () => {
    const { facade, video } = await withVideo();
    for (const t of [0.5, 1.5, 2.5])
      await facade.annotations.save({ videoId: video.id, timestamp: t, bbox: box, label: 'x' });
    expect((await facade.annotations.inRange(video.id, 1, 2.5)).map((a) => a.timestamp)).toEqual([1.5, 2.5]);
    const before = await allKeys(facade);
    await expect(
      facade.annotations.save(
        { videoId: video.id, timestamp: 1, bbox: { ...box, width: 0 }, label: 'x' },
        rawFrame(),
      ),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('bbox.width') });
    expect(await allKeys(facade)).toEqual(before);
  });
});
