import { afterEach, describe, expect, it } from 'vitest';
import type { BaseStorage } from '../../src/contracts/base-storage.js';
import { StorageError } from '../../src/errors/storage-error.js';
import type { VideoPrivacyStorage } from '../../src/facade/index.js';
import { MemoryStorage } from '../../src/memory/index.js';
import { allKeys, fakeMp4, memoryFacade, patchedRepo, readText, VIDEO_META } from './helpers.js';

let facade: VideoPrivacyStorage | undefined;
afterEach(async () => {
  await facade?.close();
  facade = undefined;
});

const data = { videoDuration: 5, frameRate: 25, blurRegions: [] };
const output = (text: string) => ({ body: Buffer.from(text), ext: 'json' });

/** A facade (over `wrap(storage)`) with one claimed, running job. */
async function runningJob(wrap: (s: BaseStorage) => BaseStorage = (s) => s) {
  const storage = new MemoryStorage();
  facade = await memoryFacade({ storage: wrap(storage) });
  const video = await facade.videos.ingest(fakeMp4(), VIDEO_META);
  const timeline = await facade.timelines.save({ videoId: video.id, data });
  const job = await facade.jobs.create({ videoId: video.id, timelineId: timeline.id });
  await facade.jobs.claimNext('worker-1');
  return { facade, storage, job };
}

const outputs = async (f: VideoPrivacyStorage) => (await allKeys(f)).filter((k) => k.startsWith('output/'));

describe('facade jobs.complete retries and unknown outcomes', () => {
  it('a retried complete is refused before writing: the completed job keeps its output and bytes', async () => {
    const { facade, job } = await runningJob();
    const done = await facade.jobs.complete(job.id, output('first'));
    await expect(facade.jobs.complete(job.id, output('second'))).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await facade.jobs.get(job.id))?.outputKey).toBe(done.outputKey);
    expect(await readText(facade, done.outputKey as string)).toBe('first');
  });

  it.each(['UNAVAILABLE', 'CONFLICT'] as const)(
    'keeps the output when the record names it although complete threw %s (committed, or a concurrent complete)',
    async (code) => {
      const { facade, job } = await runningJob((s) =>
        patchedRepo(s, 'jobs', 'complete', async (original, ...args) => {
          await original(...args);
          throw new StorageError(code, 'connection lost after COMMIT');
        }),
      );
      await expect(facade.jobs.complete(job.id, output('done'))).rejects.toMatchObject({ code });
      const recorded = await facade.jobs.get(job.id);
      expect(recorded?.status).toBe('completed');
      expect(await readText(facade, recorded?.outputKey as string)).toBe('done');
    },
  );

  it('removes the output when the re-read proves the job does not name it', async () => {
    const { facade, job } = await runningJob((s) =>
      patchedRepo(s, 'jobs', 'complete', async () => {
        throw new StorageError('UNAVAILABLE', 'database went away before COMMIT');
      }),
    );
    await expect(facade.jobs.complete(job.id, output('lost'))).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect((await facade.jobs.get(job.id))?.status).toBe('running');
    expect(await outputs(facade)).toEqual([]);
  });

  it('keeps the output when the re-read fails too (an orphan, never a dangling record)', async () => {
    let down = false;
    const { facade, job } = await runningJob((s) =>
      patchedRepo(
        patchedRepo(s, 'jobs', 'complete', async () => {
          down = true;
          throw new StorageError('UNAVAILABLE', 'database went away');
        }),
        'jobs',
        'get',
        async (original, ...args) => {
          if (down) throw new StorageError('UNAVAILABLE', 'still away');
          return original(...args);
        },
      ),
    );
    await expect(facade.jobs.complete(job.id, output('maybe'))).rejects.toMatchObject({
      code: 'UNAVAILABLE',
    });
    expect(await outputs(facade)).toHaveLength(1);
  });

  it('refuses a job that does not exist without writing anything', async () => {
    const { facade } = await runningJob();
    const before = await allKeys(facade);
    await expect(facade.jobs.complete('no-such-job', output('x'))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await allKeys(facade)).toEqual(before);
  });
});
