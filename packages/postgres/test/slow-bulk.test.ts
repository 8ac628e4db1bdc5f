import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedJob, timeline } from './helpers/fixtures-domain.js';
import { detections, freshStorage, video } from './helpers/fresh-storage.js';
import { createTestDatabase, serverAvailable } from './helpers/server.js';

// A bulk insert is fed by a producer of any speed: its COPY outlives `timeoutMs` (the statement timeout
// of every other statement), and it does not hold the schema's write lock, so writers are not blocked.
const available = await serverAvailable();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Yields `items` one every `delayMs`. */
async function* slowly<T>(items: readonly T[], delayMs: number): AsyncGenerator<T> {
  for (const item of items) {
    await sleep(delayMs);
    yield item;
  }
}

describe.skipIf(!available)('bulk inserts from a slow producer', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase('vpe_slow');
  });
  afterAll(async () => {
    await db?.drop();
  });

  test('insertMany fed for 2.5 s succeeds with timeoutMs 1000', async () => {
    const f = await freshStorage(db.url, { timeoutMs: 1000, bulkInsertBatchSize: 5 });
    try {
      await f.storage.videos.create(video('v'));
      const items = detections('v', 25);
      expect(await f.storage.detections.insertMany(slowly(items, 100))).toBe(25);
      expect(await f.storage.detections.countForVideo('v')).toBe(25);
      // Other statements keep the timeout.
      await expect(f.storage.videos.get('v')).resolves.not.toBeNull();
    } finally {
      await f.dispose();
    }
  }, 15_000);

  test('importRecords fed for 2.5 s succeeds with timeoutMs 1000', async () => {
    const f = await freshStorage(db.url, { timeoutMs: 1000, bulkInsertBatchSize: 5 });
    try {
      const records = [
        { table: 'videos' as const, record: { ...video('v'), codec: null, checksum: null, metadata: {} } },
      ].map((r) => ({
        ...r,
        record: { ...r.record, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' },
      }));
      const audit = Array.from({ length: 24 }, (_, i) => ({
        table: 'audit_log' as const,
        record: {
          id: `e${i}`,
          actor: null,
          action: 'x',
          entityType: 'video',
          entityId: 'v',
          details: {},
          at: '2026-01-01T00:00:00.000Z',
        },
      }));
      const result = await f.storage.importRecords(slowly([...records, ...audit], 100));
      expect(result.rows.audit_log).toBe(24);
    } finally {
      await f.dispose();
    }
  }, 15_000);

  test('job progress and timeline saves proceed while an insertMany waits on its producer', async () => {
    const f = await freshStorage(db.url, { timeoutMs: 5000, bulkInsertBatchSize: 5 });
    try {
      await seedJob(f.storage);
      await f.storage.jobs.claimNext('w');
      let release!: () => void;
      const gate = new Promise<void>((r) => {
        release = r;
      });
      const items = detections('v', 10);
      async function* gated() {
        yield* items.slice(0, 5);
        await gate;
        yield* items.slice(5);
      }
      const bulk = f.storage.detections.insertMany(gated());
      await sleep(200);
      const writes = (async () => {
        await f.storage.jobs.updateProgress('j', 40);
        await f.storage.timelines.save(timeline('t', 'v'));
        return 'done';
      })();
      const outcome = await Promise.race([writes, sleep(3000).then(() => 'blocked by the bulk insert')]);
      release();
      expect(outcome).toBe('done');
      await writes;
      expect(await bulk).toBe(10);
      expect((await f.storage.timelines.load('t'))?.version).toBe(2);
    } finally {
      await f.dispose();
    }
  }, 15_000);
});
