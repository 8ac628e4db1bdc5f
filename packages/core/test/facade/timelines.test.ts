import { afterEach, describe, expect, it } from 'vitest';
import { timelineCacheKey, type VideoPrivacyStorage } from '../../src/facade/index.js';
import { fakeMp4, memoryFacade, VIDEO_META } from './helpers.js';

let facade: VideoPrivacyStorage | undefined;
afterEach(async () => {
  await facade?.close();
  facade = undefined;
});

const data = {
  videoDuration: 5,
  frameRate: 25,
  blurRegions: [{ id: 'r1', startTime: 0, endTime: 1, bbox: { x: 0, y: 0, width: 10, height: 10 } }],
};

describe('facade timelines', () => {
  it('loads through the cache and every status change invalidates it', async () => {
    facade = await memoryFacade();
    const video = await facade.videos.ingest(fakeMp4(), VIDEO_META);
    const v1 = await facade.timelines.save({ videoId: video.id, data });
    expect((await facade.timelines.load(v1.id))?.version).toBe(1);
    expect(await facade.cache.has(timelineCacheKey(v1.id))).toBe(true);

    const v2 = await facade.timelines.save({ id: v1.id, videoId: video.id, data });
    expect(v2.version).toBe(2);
    expect((await facade.timelines.load(v1.id))?.version).toBe(2);
    expect((await facade.timelines.load(v1.id, 1))?.status).toBe('archived');
    expect(await facade.cache.has(timelineCacheKey(v1.id, 1))).toBe(true);

    await facade.timelines.approve(v1.id, 'alice');
    expect(await facade.cache.has(timelineCacheKey(v1.id))).toBe(false);
    expect(await facade.cache.has(timelineCacheKey(v1.id, 1))).toBe(false);
    expect((await facade.timelines.load(v1.id))?.status).toBe('approved');
    await facade.timelines.markProcessed(v1.id);
    expect((await facade.timelines.load(v1.id))?.status).toBe('processed');
    await facade.timelines.archive(v1.id);
    expect((await facade.timelines.load(v1.id))?.status).toBe('archived');
    expect((await facade.timelines.versions(v1.id)).items.map((v) => v.version)).toEqual([2, 1]);
  });
});
