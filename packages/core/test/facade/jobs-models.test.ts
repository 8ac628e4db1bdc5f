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

const data = { videoDuration: 5, frameRate: 25, blurRegions: [] };

describe('facade jobs', () => {
  it('runs claim → progress → complete with an output file named by the record', async () => {
    facade = await memoryFacade();
    const video = await facade.videos.ingest(fakeMp4(), VIDEO_META);
    const timeline = await facade.timelines.save({ videoId: video.id, data });
    const job = await facade.jobs.create({ videoId: video.id, timelineId: timeline.id });
    const claimed = await facade.jobs.claimNext('worker-1');
    expect(claimed?.id).toBe(job.id);
    expect((await facade.jobs.progress(job.id, 40)).progress).toBe(40);
    const done = await facade.jobs.complete(job.id, { body: Buffer.from('{"ok":true}'), ext: 'json' });
    expect(done.status).toBe('completed');
    expect(done.outputKey).toMatch(new RegExp(`^output/\\d{6}/${job.id}\\.json$`));
    expect(await facade.files.exists(done.outputKey as string)).toBe(true);
    expect(await facade.jobs.claimNext('worker-1')).toBeNull();
  });

  it('removes the output file when the job cannot complete', async () => {
    facade = await memoryFacade();
    const video = await facade.videos.ingest(fakeMp4(), VIDEO_META);
    const timeline = await facade.timelines.save({ videoId: video.id, data });
    const job = await facade.jobs.create({ videoId: video.id, timelineId: timeline.id });
    const before = await allKeys(facade);
    // Still pending: completing it is an illegal transition.
    await expect(facade.jobs.complete(job.id, { body: Buffer.from('x'), ext: 'json' })).rejects.toMatchObject(
      {
        code: 'CONFLICT',
      },
    );
    expect(await allKeys(facade)).toEqual(before);
  });
});

describe('facade models', () => {
  it('stores the model file, then the record', async () => {
    facade = await memoryFacade();
    const model = await facade.models.register(
      { name: 'faces', modelType: 'yolo', areaType: 'face' },
      Buffer.from('weights'),
    );
    expect(model.fileKey).toBe(`models/yolo/1.0/${model.id}.bin`);
    expect(await facade.files.exists(model.fileKey)).toBe(true);
    expect(await facade.models.delete(model.id)).toBe(true);
    expect(await facade.files.exists(model.fileKey)).toBe(false);
  });

  it('removes the model file when the record fails', async () => {
    const broken = failingRepo(
      new MemoryStorage(),
      'models',
      'register',
      new StorageError('INTERNAL', 'disk on fire'),
    );
    facade = await memoryFacade({ storage: broken });
    await expect(
      facade.models.register({ name: 'faces', modelType: 'yolo', areaType: 'face' }, Buffer.from('weights')),
    ).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(await allKeys(facade)).toEqual([]);
  });
});
