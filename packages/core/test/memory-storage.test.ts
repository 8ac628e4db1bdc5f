import { describe, expect, it } from 'vitest';
import { storageCasesByArea } from '../src/conformance/storage/index.js';
import { describeBaseStorage } from '../src/conformance/vitest.js';
import { isStorageError } from '../src/errors/storage-error.js';
import { MemoryStorage } from '../src/memory/storage/index.js';
import type { MemoryDb } from '../src/memory/storage/tables.js';

describeBaseStorage('memory', async () => {
  const storage = new MemoryStorage();
  await storage.initialize();
  return { storage, raw: storage.rawReader(), dispose: () => storage.close() };
});

/** A MemoryStorage whose tables a test may corrupt, as a disk error or a bad migration would. */
class CorruptibleStorage extends MemoryStorage {
  /** The internal tables. */
  get internals(): MemoryDb {
    return this.db;
  }
}

describe('MemoryStorage beyond the contract', () => {
  it('has more than 110 conformance cases, in every area', () => {
    const counts = Object.fromEntries(
      Object.entries(storageCasesByArea).map(([area, cases]) => [area, cases.length]),
    );
    console.log('BaseStorage conformance cases per area:', JSON.stringify(counts));
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(110);
    for (const [area, n] of Object.entries(counts)) expect(n, area).toBeGreaterThan(0);
    const names = Object.values(storageCasesByArea).flatMap((cases) => cases.map((c) => c.name));
    expect(new Set(names).size).toBe(names.length);
  });

  it('rejects out-of-range options with VALIDATION', () => {
    for (const bulkInsertBatchSize of [0, -1, 1.5, 1_000_000]) {
      let caught: unknown;
      try {
        new MemoryStorage({ bulkInsertBatchSize });
      } catch (err) {
        caught = err;
      }
      expect(isStorageError(caught, 'VALIDATION'), String(bulkInsertBatchSize)).toBe(true);
    }
    expect(new MemoryStorage({ bulkInsertBatchSize: 10 }).kind).toBe('memory');
  });

  it('reports the pseudo-migration and no persistence', async () => {
    const storage = new MemoryStorage();
    expect(await storage.schemaVersion()).toBe(0);
    expect((await storage.migrations())[0]?.appliedAt).toBeNull();
    const result = await storage.migrate();
    expect(result).toMatchObject({ from: 0, to: 1 });
    expect(result.applied.map((m) => m.name)).toEqual(['initial']);
    expect(await storage.schemaVersion()).toBe(1);
    expect(storage.capabilities).toEqual({ multiProcess: false, persistent: false });
    await expect(storage.migrate(0)).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    await expect(storage.migrate(2)).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('checkIntegrity reports corrupted records and dangling references', async () => {
    const storage = new CorruptibleStorage();
    await storage.initialize();
    const video = await storage.videos.create({
      id: 'v',
      filename: 'v.mp4',
      fileKey: 'videos/v.mp4',
      duration: 1,
      frameRate: 1,
      width: 1,
      height: 1,
      fileSize: 1,
    });
    await storage.scenes.create({
      id: 's',
      videoId: video.id,
      startTime: 0,
      endTime: 1,
      sceneType: 'custom',
    });
    await storage.timelines.save({
      id: 't',
      videoId: video.id,
      data: { videoDuration: 1, frameRate: 1, blurRegions: [] },
    });
    const tables = storage.internals.tables;
    tables.videos.delete('v');
    const timeline = tables.timelines.get('t')?.[0];
    if (timeline) timeline.data.frameRate = -1;
    const issues = await storage.checkIntegrity();
    expect(issues.map((i) => [i.check, i.table, i.id]).sort()).toEqual(
      [
        ['BAD_TIMELINE_DATA', 'timelines', 't'],
        ['FOREIGN_KEY', 'scenes', 's'],
        ['FOREIGN_KEY', 'timelines', 't'],
      ].sort(),
    );
  });

  it('inserts batches larger than bulkInsertBatchSize in full', async () => {
    const storage = new MemoryStorage({ bulkInsertBatchSize: 7 });
    await storage.initialize();
    const video = await storage.videos.create({
      id: 'v',
      filename: 'v.mp4',
      fileKey: 'videos/v.mp4',
      duration: 1,
      frameRate: 1,
      width: 1,
      height: 1,
      fileSize: 1,
    });
    const items = Array.from({ length: 50 }, (_, i) => ({
      videoId: video.id,
      timestamp: i,
      frameNumber: i,
      detectorType: 'ocr',
      bbox: { x: 0, y: 0, width: 1, height: 1 },
      confidence: 0.5,
    }));
    expect(await storage.detections.insertMany(items)).toBe(50);
    expect(await storage.rawReader().countRows('detections')).toBe(50);
  });

  it('a tx used after its transaction ended is CONFLICT', async () => {
    const storage = new MemoryStorage();
    let leaked: Parameters<Parameters<MemoryStorage['transaction']>[0]>[0] | undefined;
    await storage.transaction(async (tx) => {
      leaked = tx;
    });
    await expect(leaked?.videos.get('x')).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('MemoryStorage transactions and async context', () => {
  it('work left running by a transaction is outside it once it ended: it waits for the lock and may start a transaction', async () => {
    const storage = new MemoryStorage();
    await storage.initialize();
    let later: Promise<number> | undefined;
    await storage.transaction(async () => {
      later = new Promise<void>((resolve) => setTimeout(resolve, 5)).then(() =>
        storage.transaction(async (tx) => {
          await tx.audit.append({ action: 'later', entityType: 'video', entityId: 'v' });
          return 1;
        }),
      );
    });
    await expect(later).resolves.toBe(1);
    expect((await storage.audit.list()).items.map((e) => e.action)).toEqual(['later']);
  });

  it('a call on the outer storage inside fn joins the transaction and rolls back with it', async () => {
    const storage = new MemoryStorage();
    await storage.initialize();
    await expect(
      storage.transaction(async () => {
        await storage.audit.append({ action: 'inside', entityType: 'video', entityId: 'v' });
        expect((await storage.audit.list()).items).toHaveLength(1);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await storage.audit.list()).items).toEqual([]);
  });
});
