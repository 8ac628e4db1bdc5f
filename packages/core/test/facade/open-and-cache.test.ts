import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { Cache } from '../../src/contracts/cache.js';
import { StorageError } from '../../src/errors/storage-error.js';
import { VideoPrivacyStorage } from '../../src/facade/index.js';
import { MemoryCache } from '../../src/memory/index.js';
import { fakeMp4, memoryFacade, VIDEO_META } from './helpers.js';

let facade: VideoPrivacyStorage | undefined;
afterEach(async () => {
  await facade?.close();
  facade = undefined;
});

describe('VideoPrivacyStorage.open', () => {
  it('opens the backends named by the config and starts maintenance only when enabled', async () => {
    facade = await VideoPrivacyStorage.open({
      database: { url: 'memory:' },
      files: { url: 'memory:' },
      cache: { url: 'memory:' },
      maintenance: { enabled: true },
    });
    expect(facade.storage.kind).toBe('memory');
    expect(() => facade?.startMaintenance()).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    await facade.close();
    await facade.close(); // idempotent
    expect(() => facade?.startMaintenance()).toThrow(expect.objectContaining({ code: 'CLOSED' }));
    facade = undefined;
  });
});

/** A property of `target`, with methods bound to it (its private fields reject a proxy as `this`). */
function bound(target: object, prop: string | symbol): unknown {
  const value: unknown = Reflect.get(target, prop);
  return typeof value === 'function' ? value.bind(target) : value;
}

describe('facade streams and a failing cache', () => {
  it('ingests a stream (never a path), reporting progress', async () => {
    facade = await memoryFacade();
    const bytes = fakeMp4('streamed');
    const seen: number[] = [];
    const video = await facade.videos.ingest(
      Readable.from([bytes.subarray(0, 10), bytes.subarray(10)]),
      VIDEO_META,
      {
        onProgress: (n) => seen.push(n),
      },
    );
    expect(video.fileSize).toBe(bytes.length);
    expect(seen).toEqual([10, bytes.length]);
    await expect(
      facade.videos.ingest(Readable.from([bytes]), { ...VIDEO_META, filename: undefined }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('filename'),
    });
  });

  it('reads from the store when the cache cannot answer', async () => {
    const real = new MemoryCache();
    const down = new Proxy(real, {
      get: (t, p) =>
        p === 'get' || p === 'set'
          ? async () => Promise.reject(new StorageError('UNAVAILABLE', 'redis is down'))
          : bound(t, p),
    }) as Cache;
    facade = await memoryFacade({ cache: down });
    const video = await facade.videos.ingest(fakeMp4(), VIDEO_META);
    const a = await facade.annotations.save({
      videoId: video.id,
      timestamp: 1,
      bbox: { x: 0, y: 0, width: 2, height: 2 },
      label: 'x',
    });
    expect(await facade.annotations.get(a.id)).toEqual(a);
    expect(await facade.annotations.forVideo(video.id)).toEqual([a]);
  });

  it('ignores a cached entry that does not parse as the record (another version wrote it)', async () => {
    facade = await memoryFacade();
    const video = await facade.videos.ingest(fakeMp4(), VIDEO_META);
    const a = await facade.annotations.save({
      videoId: video.id,
      timestamp: 1,
      bbox: { x: 0, y: 0, width: 2, height: 2 },
      label: 'x',
    });
    await facade.cache.set(`annotation:${a.id}`, { id: a.id, legacy: true });
    expect(await facade.annotations.get(a.id)).toEqual(a);
  });
});
