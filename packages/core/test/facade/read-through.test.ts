import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Cache } from '../../src/contracts/cache.js';
import { StorageError } from '../../src/errors/storage-error.js';
import { annotationCacheKey, type VideoPrivacyStorage } from '../../src/facade/index.js';
import { readThrough } from '../../src/facade/read-through.js';
import { MemoryCache, MemoryStorage } from '../../src/memory/index.js';
import { fakeMp4, memoryFacade, patchedRepo, VIDEO_META } from './helpers.js';

let facade: VideoPrivacyStorage | undefined;
afterEach(async () => {
  await facade?.close();
  facade = undefined;
});

const Value = z.object({ n: z.number() });

describe('readThrough', () => {
  it('a write committed during a slow load does not leave the old value cached', async () => {
    let hold: Promise<void> | undefined;
    let loaded: () => void = () => undefined;
    const loadedOld = new Promise<void>((resolve) => {
      loaded = resolve;
    });
    const storage = patchedRepo(new MemoryStorage(), 'annotations', 'get', async (original, ...args) => {
      const record = await original(...args);
      if (hold) {
        const gate = hold;
        hold = undefined;
        loaded();
        await gate;
      }
      return record;
    });
    facade = await memoryFacade({ storage });
    const video = await facade.videos.ingest(fakeMp4(), VIDEO_META);
    const a = await facade.annotations.save({
      videoId: video.id,
      timestamp: 1,
      bbox: { x: 0, y: 0, width: 2, height: 2 },
      label: 'face',
    });
    let release: () => void = () => undefined;
    hold = new Promise((resolve) => {
      release = resolve;
    });
    const slowRead = facade.annotations.get(a.id); // reads the old record, then waits
    await loadedOld;
    await facade.annotations.save({ ...a, label: 'plate' }); // commits and invalidates meanwhile
    release();
    expect((await slowRead)?.label).toBe('face'); // that caller gets what it read
    expect(await facade.cache.has(annotationCacheKey(a.id))).toBe(false);
    expect((await facade.annotations.get(a.id))?.label).toBe('plate');
  });

  it('does not cache a miss, and a record created later is seen at once', async () => {
    const cache = new MemoryCache();
    let value: { n: number } | null = null;
    expect(await readThrough(cache, 'k', Value, 60, async () => value)).toBeNull();
    expect(await cache.has('k')).toBe(false);
    value = { n: 1 };
    expect(await readThrough(cache, 'k', Value, 60, async () => value)).toEqual({ n: 1 });
    expect(await cache.get('k')).toEqual({ n: 1 });
  });

  it('concurrent reads share one load', async () => {
    const cache = new MemoryCache();
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 10));
      return { n: 7 };
    };
    const results = await Promise.all([1, 2, 3].map(() => readThrough(cache, 'k', Value, 60, load)));
    expect(results).toEqual([{ n: 7 }, { n: 7 }, { n: 7 }]);
    expect(loads).toBe(1);
  });

  it('a store failure reaches the caller as it is and caches nothing', async () => {
    const cache = new MemoryCache();
    const error = new StorageError('UNAVAILABLE', 'database went away');
    await expect(readThrough(cache, 'k', Value, 60, async () => Promise.reject(error))).rejects.toBe(error);
    expect(await cache.has('k')).toBe(false);
  });

  it('replaces a cached entry that does not parse, and serves the store meanwhile', async () => {
    const cache = new MemoryCache();
    await cache.set('k', { legacy: true });
    expect(await readThrough(cache, 'k', Value, 60, async () => ({ n: 2 }))).toEqual({ n: 2 });
    expect(await cache.get('k')).toEqual({ n: 2 });
  });

  it('bypasses a cache that cannot answer, loading once even when the cache fails after the load', async () => {
    const down = new StorageError('UNAVAILABLE', 'redis is down');
    const before = { getOrSet: async () => Promise.reject(down) } as unknown as Cache;
    let loads = 0;
    const load = async () => {
      loads++;
      return { n: 3 };
    };
    expect(await readThrough(before, 'k', Value, 60, load)).toEqual({ n: 3 });
    const after = {
      getOrSet: async (_k: string, loader: () => Promise<unknown>) => {
        await loader();
        throw down;
      },
    } as unknown as Cache;
    expect(await readThrough(after, 'k', Value, 60, load)).toEqual({ n: 3 });
    expect(loads).toBe(2);
  });
});
