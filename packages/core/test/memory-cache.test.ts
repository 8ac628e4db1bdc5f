import { describe, expect, it } from 'vitest';
import { describeCache } from '../src/conformance/vitest.js';
import { isStorageError, MemoryCache, openCache, StorageConfigSchema } from '../src/index.js';

describeCache('memory', async () => {
  const cache = new MemoryCache();
  return { cache, dispose: () => cache.close() };
});

const entryBytes = (key: string, value: unknown) =>
  Buffer.byteLength(key) + Buffer.byteLength(JSON.stringify(value));

describe('MemoryCache byte-bounded LRU', () => {
  it('evicts the least recently used entries once the byte bound is passed', async () => {
    const value = 'x'.repeat(90);
    const size = entryBytes('k0', value);
    const cache = new MemoryCache({ maxBytes: size * 3 });
    await cache.set('k0', value);
    await cache.set('k1', value);
    await cache.set('k2', value);
    await cache.get('k0'); // k0 becomes most recent, so k1 is now the oldest
    await cache.set('k3', value);
    expect(await cache.has('k1')).toBe(false);
    expect(await cache.has('k0')).toBe(true);
    expect(await cache.has('k2')).toBe(true);
    expect(await cache.has('k3')).toBe(true);
    expect(cache.stats()).toMatchObject({ evictions: 1, entries: 3, bytes: size * 3 });
  });

  it('evicts as many entries as a big value needs and never exceeds the bound', async () => {
    const cache = new MemoryCache({ maxBytes: 1000 });
    for (let i = 0; i < 10; i++) await cache.set(`small:${i}`, 'y'.repeat(80));
    await cache.set('big', 'z'.repeat(600));
    const stats = cache.stats();
    expect(stats.bytes).toBeLessThanOrEqual(1000);
    expect(await cache.get('big')).toBe('z'.repeat(600));
    expect(stats.evictions).toBeGreaterThanOrEqual(6);
    expect(await cache.has('small:0')).toBe(false);
    expect(await cache.has('small:9')).toBe(true);
  });

  it('counts sizes in UTF-8 bytes of key and JSON', async () => {
    const cache = new MemoryCache();
    await cache.set('ключ', { s: '€€' });
    expect(cache.stats().bytes).toBe(entryBytes('ключ', { s: '€€' }));
    await cache.set('ключ', 'short');
    expect(cache.stats().bytes).toBe(entryBytes('ключ', 'short'));
    await cache.delete('ключ');
    expect(cache.stats()).toMatchObject({ bytes: 0, entries: 0 });
  });

  it('drops a value larger than the whole cache, and the old value of its key', async () => {
    const cache = new MemoryCache({ maxBytes: 100 });
    await cache.set('k', 'small');
    await cache.set('k', 'w'.repeat(200));
    expect(await cache.get('k')).toBeUndefined();
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0, evictions: 1 });
  });

  it('maxBytes 0 disables it: every get misses, getOrSet always loads', async () => {
    const cache = new MemoryCache({ maxBytes: 0 });
    await cache.set('k', 1);
    expect(await cache.get('k')).toBeUndefined();
    let calls = 0;
    const load = async () => ++calls;
    expect(await cache.getOrSet('g', load)).toBe(1);
    expect(await cache.getOrSet('g', load)).toBe(2);
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0, hits: 0 });
  });

  it('applies defaultTtlSeconds to sets without a TTL', async () => {
    const cache = new MemoryCache({ defaultTtlSeconds: 0.1 });
    await cache.set('k', 1);
    await cache.set('long', 2, 10);
    await new Promise((r) => setTimeout(r, 200));
    expect(await cache.get('k')).toBeUndefined();
    expect(await cache.get('long')).toBe(2);
  });

  it('refuses invalid options with VALIDATION', () => {
    for (const options of [
      { maxBytes: -1 },
      { maxBytes: 1.5 },
      { defaultTtlSeconds: 0 },
      { defaultTtlSeconds: Number.NaN },
    ]) {
      expect(() => new MemoryCache(options), JSON.stringify(options)).toThrow(
        expect.objectContaining({ code: 'VALIDATION' }),
      );
    }
  });
});

describe('openCache with memory: and none:', () => {
  it('none: opens a disabled cache and memory: a working one', async () => {
    const none = await openCache(StorageConfigSchema.parse({ cache: { url: 'none:' } }));
    await none.set('k', 1);
    expect(await none.get('k')).toBeUndefined();
    const memory = await openCache(
      StorageConfigSchema.parse({ cache: { url: 'memory:', defaultTtlSeconds: 5 } }),
    );
    await memory.set('k', 1);
    expect(await memory.get('k')).toBe(1);
    await Promise.all([none.close(), memory.close()]);
  });

  it('errors are StorageErrors with stable codes', async () => {
    const cache = new MemoryCache();
    const err = await cache.set('k', undefined).catch((e: unknown) => e);
    expect(isStorageError(err, 'VALIDATION')).toBe(true);
    expect((err as Error).message).toMatch(/store null instead/);
  });
});
