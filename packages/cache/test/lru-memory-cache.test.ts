import { describeCache } from '@vpe-storage/core/conformance/vitest';
import { describe, expect, it } from 'vitest';
import { LruMemoryCache } from '../src/index.js';

describeCache('memory-lru (lru-cache)', async () => {
  const cache = new LruMemoryCache();
  return { cache, dispose: () => cache.close() };
});

describe('LruMemoryCache', () => {
  const size = (key: string, value: unknown) =>
    Buffer.byteLength(key) + Buffer.byteLength(JSON.stringify(value));

  it('evicts least recently used entries by bytes and counts evictions', async () => {
    const value = 'v'.repeat(50);
    const cache = new LruMemoryCache({ maxBytes: size('k0', value) * 3 });
    for (const k of ['k0', 'k1', 'k2']) await cache.set(k, value);
    await cache.get('k0');
    await cache.set('k3', value);
    expect(await cache.has('k1')).toBe(false);
    expect(await cache.has('k0')).toBe(true);
    expect(cache.stats()).toMatchObject({ evictions: 1, entries: 3, bytes: size('k0', value) * 3 });
  });

  it('drops a value larger than the whole cache and counts it', async () => {
    const cache = new LruMemoryCache({ maxBytes: 64 });
    await cache.set('k', 'small');
    await cache.set('k', 'x'.repeat(100));
    expect(await cache.get('k')).toBeUndefined();
    expect(cache.stats()).toMatchObject({ evictions: 1, entries: 0 });
  });

  it('maxBytes 0 stores nothing', async () => {
    const cache = new LruMemoryCache({ maxBytes: 0 });
    await cache.set('k', 1);
    expect(await cache.get('k')).toBeUndefined();
    expect(await cache.getOrSet('k', async () => 2)).toBe(2);
    expect(await cache.has('k')).toBe(false);
  });
});
