import { afterEach, describe, expect, it } from 'vitest';
import { StorageError } from '../../src/errors/storage-error.js';
import type { VideoPrivacyStorage } from '../../src/facade/index.js';
import { MemoryStorage } from '../../src/memory/index.js';
import { allKeys, fakeMp4, memoryFacade, patchedRepo, rawFrame, VIDEO_META } from './helpers.js';

// A record write whose outcome is unknown (UNAVAILABLE after COMMIT, TIMEOUT, INTERNAL): the file it names is
// removed only when a re-read proves no record names it.

let facade: VideoPrivacyStorage | undefined;
afterEach(async () => {
  await facade?.close();
  facade = undefined;
});

const lostAfterCommit =
  (code: 'UNAVAILABLE' | 'TIMEOUT' | 'INTERNAL') =>
  async (original: (...a: unknown[]) => Promise<unknown>, ...args: unknown[]) => {
    await original(...args);
    throw new StorageError(code, 'connection lost after COMMIT');
  };

const model = { name: 'faces', modelType: 'yolo', areaType: 'face' } as const;

describe('facade writes whose outcome is unknown', () => {
  it.each(['UNAVAILABLE', 'TIMEOUT', 'INTERNAL'] as const)(
    'ingest keeps the video file when the record landed although create threw %s',
    async (code) => {
      const storage = new MemoryStorage();
      facade = await memoryFacade({
        storage: patchedRepo(storage, 'videos', 'create', lostAfterCommit(code)),
      });
      await expect(facade.videos.ingest(fakeMp4(), VIDEO_META)).rejects.toMatchObject({ code });
      const [video] = (await storage.videos.list()).items;
      expect(video).toBeDefined();
      expect(await facade.files.exists(video?.fileKey as string)).toBe(true);
    },
  );

  it('ingest keeps the video file when the re-read fails too', async () => {
    const storage = new MemoryStorage();
    const broken = patchedRepo(
      patchedRepo(storage, 'videos', 'create', async () => {
        throw new StorageError('UNAVAILABLE', 'database went away');
      }),
      'videos',
      'getByFileKey',
      async () => {
        throw new StorageError('UNAVAILABLE', 'still away');
      },
    );
    facade = await memoryFacade({ storage: broken });
    await expect(facade.videos.ingest(fakeMp4(), VIDEO_META)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect((await allKeys(facade)).filter((k) => k.startsWith('videos/'))).toHaveLength(1);
  });

  it('register keeps the model file when the record landed although register threw UNAVAILABLE', async () => {
    const storage = new MemoryStorage();
    facade = await memoryFacade({
      storage: patchedRepo(storage, 'models', 'register', lostAfterCommit('UNAVAILABLE')),
    });
    await expect(facade.models.register(model, Buffer.from('weights'))).rejects.toMatchObject({
      code: 'UNAVAILABLE',
    });
    const [stored] = (await storage.models.find()).items;
    expect(await facade.files.exists(stored?.fileKey as string)).toBe(true);
  });

  it('register removes the model file when the record provably did not land', async () => {
    facade = await memoryFacade({
      storage: patchedRepo(new MemoryStorage(), 'models', 'register', async () => {
        throw new StorageError('TIMEOUT', 'statement timeout before COMMIT');
      }),
    });
    await expect(facade.models.register(model, Buffer.from('weights'))).rejects.toMatchObject({
      code: 'TIMEOUT',
    });
    expect(await allKeys(facade)).toEqual([]);
  });

  it('annotation save keeps the frame when the record landed although save threw UNAVAILABLE', async () => {
    const storage = new MemoryStorage();
    facade = await memoryFacade({
      storage: patchedRepo(storage, 'annotations', 'save', lostAfterCommit('UNAVAILABLE')),
    });
    const video = await facade.videos.ingest(fakeMp4(), VIDEO_META);
    const input = {
      videoId: video.id,
      timestamp: 1,
      bbox: { x: 0, y: 0, width: 4, height: 4 },
      label: 'face',
    };
    await expect(facade.annotations.save(input, rawFrame())).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    const [saved] = (await storage.annotations.listForVideo(video.id)).items;
    expect(await facade.files.exists(saved?.imageKey as string)).toBe(true);
  });
});
