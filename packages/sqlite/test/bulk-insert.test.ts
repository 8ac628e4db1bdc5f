import { afterEach, expect, test } from 'vitest';
import { openTempStorage } from './helpers/temp-db.js';

let dispose: (() => Promise<void>) | null = null;
afterEach(async () => {
  await dispose?.();
  dispose = null;
});

async function setup(batch = 1000) {
  const t = await openTempStorage({ bulkInsertBatchSize: batch });
  dispose = t.dispose;
  await t.storage.videos.create({
    id: 'v',
    filename: 'v',
    fileKey: 'videos/v.mp4',
    duration: 1,
    frameRate: 1,
    width: 1,
    height: 1,
    fileSize: 0,
  });
  return t.storage;
}

const item = (i: number, extra: Record<string, unknown> = {}) => ({
  videoId: 'v',
  timestamp: i,
  frameNumber: i,
  detectorType: 'ocr',
  bbox: { x: i, y: 1 - i, width: 2, height: 3 },
  confidence: 0.5,
  ...extra,
});

test('fast-path and zod-path items land identically, with defaults, one createdAt and UUIDv7 ids', async () => {
  const storage = await setup();
  const nullProto = Object.assign(Object.create(null), { k: 'v' });
  const n = await storage.detections.insertMany([
    item(0, { id: 'fast' }),
    item(1, { id: 'nested', metadata: { deep: { list: [1, 'two', null] } } }),
    item(2, { id: 'null-proto', metadata: nullProto, needsReview: true }),
    item(3),
  ]);
  expect(n).toBe(4);
  const all = (await storage.detections.inRange('v', 0, 10)).items;
  expect(all.map((d) => d.id).slice(0, 3)).toEqual(['fast', 'nested', 'null-proto']);
  expect(all[0]).toMatchObject({
    needsReview: false,
    metadata: {},
    reviewedBy: null,
    reviewedAt: null,
    bbox: { x: 0, y: 1, width: 2, height: 3 },
  });
  expect(all[1]?.metadata).toEqual({ deep: { list: [1, 'two', null] } });
  expect(all[2]).toMatchObject({ needsReview: true, metadata: { k: 'v' } });
  expect(all[3]?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  expect(new Set(all.map((d) => d.createdAt)).size).toBe(1);
  expect((await storage.detections.reviewQueue('v')).items.map((d) => d.id)).toEqual(['null-proto']);
});

test('async iterables in batches of bulkInsertBatchSize: one statement per row, one transaction', async () => {
  const storage = await setup(7);
  async function* gen() {
    for (let i = 0; i < 50; i++) yield item(i);
  }
  const before = storage.statementCount;
  expect(await storage.detections.insertMany(gen())).toBe(50);
  // 50 inserts + BEGIN IMMEDIATE + COMMIT: no statement per batch beyond the rows themselves.
  expect(storage.statementCount - before).toBe(52);
  expect(await storage.detections.countForVideo('v')).toBe(50);
  expect(await storage.detections.insertMany([])).toBe(0);
});

test('markReviewed clears the flag for the ids that exist (duplicates counted once)', async () => {
  const storage = await setup();
  await storage.detections.insertMany([
    item(0, { id: 'a', needsReview: true }),
    item(1, { id: 'b', needsReview: true }),
  ]);
  expect(await storage.detections.markReviewed(['a', 'a', 'missing'], 'carol')).toBe(1);
  expect(await storage.detections.get('a')).toMatchObject({
    needsReview: false,
    reviewedBy: 'carol',
    reviewedAt: expect.any(String),
  });
  expect((await storage.detections.reviewQueue(null)).items.map((d) => d.id)).toEqual(['b']);
});
