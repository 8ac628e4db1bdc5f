import { afterEach, describe, expect, it } from 'vitest';
import type { Cache } from '../../src/contracts/cache.js';
import { StorageError } from '../../src/errors/storage-error.js';
import {
  annotationCacheKey,
  type CacheErrorEvent,
  type VideoPrivacyStorage,
  warnOncePerKind,
} from '../../src/facade/index.js';
import { MemoryCache } from '../../src/memory/index.js';
import { fakeMp4, memoryFacade, VIDEO_META } from './helpers.js';

let facade: VideoPrivacyStorage | undefined;
afterEach(async () => {
  await facade?.close();
  facade = undefined;
});

/** A MemoryCache whose `invalidatePattern` fails `failures` times in a row (Infinity: always), counting calls. */
function flakyCache(failures: number) {
  const real = new MemoryCache();
  const state = { calls: 0, left: failures };
  const cache = new Proxy(real, {
    get(t, p) {
      if (p === 'invalidatePattern') {
        return async (pattern: string) => {
          state.calls++;
          if (state.left-- > 0) throw new StorageError('UNAVAILABLE', 'redis is down');
          return t.invalidatePattern(pattern);
        };
      }
      const value = Reflect.get(t, p);
      return typeof value === 'function' ? value.bind(t) : value;
    },
  }) as Cache;
  return { cache, state };
}

const box = { x: 0, y: 0, width: 2, height: 2 };

describe('cache failures after a committed write', () => {
  it('the write succeeds, each pattern is retried once, and the failure is reported out of band', async () => {
    const { cache, state } = flakyCache(Number.POSITIVE_INFINITY);
    const events: CacheErrorEvent[] = [];
    facade = await memoryFacade({ cache, onCacheError: (e) => events.push(e) });
    const video = await facade.videos.ingest(fakeMp4(), VIDEO_META);
    const saved = await facade.annotations.save({ videoId: video.id, timestamp: 1, bbox: box, label: 'x' });
    expect(await facade.storage.annotations.get(saved.id)).toEqual(saved);
    expect(events).toHaveLength(1);
    expect(events[0]?.patterns).toContain(annotationCacheKey(saved.id));
    expect(events[0]?.error).toMatchObject({ code: 'UNAVAILABLE' });
    expect(state.calls).toBe(2 * (events[0]?.patterns.length ?? 0));
    // Timelines and deletes too.
    const t = await facade.timelines.save({
      videoId: video.id,
      data: { videoDuration: 5, frameRate: 25, blurRegions: [] },
    });
    await facade.timelines.approve(t.id, 'alice');
    expect(await facade.annotations.delete(saved.id)).toBe(true);
    expect(await facade.videos.delete(video.id)).toBe(true);
    expect(events.length).toBe(5);
  });

  it('a failure that the retry overcomes is not reported and the entry is gone', async () => {
    const { cache, state } = flakyCache(0);
    const events: CacheErrorEvent[] = [];
    facade = await memoryFacade({ cache, onCacheError: (e) => events.push(e) });
    const video = await facade.videos.ingest(fakeMp4(), VIDEO_META);
    const a = await facade.annotations.save({ videoId: video.id, timestamp: 1, bbox: box, label: 'x' });
    await facade.annotations.get(a.id);
    expect(await cache.has(annotationCacheKey(a.id))).toBe(true);
    state.left = 1; // the first invalidation of the next write fails once
    await facade.annotations.save({ ...a, label: 'y' });
    expect(events).toEqual([]);
    expect(await cache.has(annotationCacheKey(a.id))).toBe(false);
    expect((await facade.annotations.get(a.id))?.label).toBe('y');
  });

  it('a throwing handler does not fail the write', async () => {
    const { cache } = flakyCache(Number.POSITIVE_INFINITY);
    facade = await memoryFacade({
      cache,
      onCacheError: () => {
        throw new Error('handler bug');
      },
    });
    const video = await facade.videos.ingest(fakeMp4(), VIDEO_META);
    await expect(
      facade.annotations.save({ videoId: video.id, timestamp: 1, bbox: box, label: 'x' }),
    ).resolves.toMatchObject({ label: 'x' });
  });

  it('the default handler warns once per error kind', () => {
    const warned: string[] = [];
    const handler = warnOncePerKind((m) => warned.push(m));
    handler({ patterns: ['a'], error: new StorageError('UNAVAILABLE', 'down') });
    handler({ patterns: ['b'], error: new StorageError('UNAVAILABLE', 'still down') });
    handler({ patterns: ['c'], error: new StorageError('TIMEOUT', 'slow') });
    expect(warned).toHaveLength(2);
    expect(warned[0]).toContain('UNAVAILABLE');
    expect(warned[1]).toContain('TIMEOUT');
  });
});
