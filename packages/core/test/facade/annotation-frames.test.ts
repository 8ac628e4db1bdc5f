import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { frameImageId } from '../../src/facade/frame-image-id.js';
import type { VideoPrivacyStorage } from '../../src/facade/index.js';
import { allKeys, fakeMp4, memoryFacade, rawFrame, readBytes, VIDEO_META } from './helpers.js';

let facade: VideoPrivacyStorage | undefined;
afterEach(async () => {
  await facade?.close();
  facade = undefined;
});

const box = { x: 1, y: 1, width: 4, height: 4 };
const sha = async (f: VideoPrivacyStorage, key: string) =>
  createHash('sha256')
    .update(await readBytes(f, key))
    .digest('hex');

async function annotated() {
  facade = await memoryFacade();
  const video = await facade.videos.ingest(fakeMp4(), VIDEO_META);
  const first = await facade.annotations.save(
    { videoId: video.id, timestamp: 1, bbox: box, label: 'face' },
    rawFrame(200),
  );
  return { facade, video, first };
}

describe('facade annotation frame images', () => {
  it('a failed re-save with the same id, timestamp and day leaves the old record and its image untouched', async () => {
    const { facade, first } = await annotated();
    const key = first.imageKey as string;
    const before = { keys: await allKeys(facade), sha: await sha(facade, key) };
    await expect(
      facade.annotations.save({ ...first, sceneId: 'no-such-scene' }, rawFrame(30)),
    ).rejects.toMatchObject({ code: 'CONSTRAINT' });
    expect(await facade.annotations.get(first.id)).toEqual(first);
    expect(await sha(facade, key)).toBe(before.sha);
    expect(await allKeys(facade)).toEqual(before.keys);
  });

  it('a successful re-save at the same timestamp gets a new key and removes the old image after the write', async () => {
    const { facade, first } = await annotated();
    const second = await facade.annotations.save({ ...first, label: 'plate' }, rawFrame(30));
    expect(second.imageKey).not.toBe(first.imageKey);
    expect(await facade.files.exists(second.imageKey as string)).toBe(true);
    expect(await facade.files.exists(first.imageKey as string)).toBe(false);
  });

  it('frame ids are unique per write, fit a key segment, and refuse ids that are no segment', () => {
    expect(frameImageId('a1')).not.toBe(frameImageId('a1'));
    expect(frameImageId('a1')).toMatch(/^a1\.[0-9a-f]{12}$/);
    expect(frameImageId('x'.repeat(128))).toHaveLength(128);
    expect(() => frameImageId('a/b')).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
  });
});
