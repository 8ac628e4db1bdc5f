import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { detections, freshStorage, video } from './helpers/fresh-storage.js';
import { createTestDatabase, serverAvailable } from './helpers/server.js';

const available = await serverAvailable();

describe.skipIf(!available)('export from one REPEATABLE READ snapshot', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase('vpe_snap');
  });
  afterAll(async () => {
    await db?.drop();
  });

  test('writes made while an export streams (across cursor FETCHes) do not show in it', async () => {
    const f = await freshStorage(db.url);
    try {
      await f.storage.videos.create(video('v'));
      await f.storage.detections.insertMany(detections('v', 2500));
      const seen = new Map<string, number>();
      let changed = false;
      for await (const r of f.storage.exportRecords()) {
        seen.set(r.table, (seen.get(r.table) ?? 0) + 1);
        if (!changed && r.table === 'detections') {
          changed = true;
          // After the first FETCH: add rows, delete rows, add a video — none of it may appear.
          await f.storage.detections.insertMany(detections('v', 1500, 'late'));
          await f.raw.query("DELETE FROM detections WHERE id LIKE 'd0012%'");
          await f.storage.videos.create(video('late-video'));
        }
      }
      expect(seen.get('videos')).toBe(1);
      expect(seen.get('detections')).toBe(2500);
      expect((await f.storage.stats()).rows.detections).toBe(2500 + 1500 - 100);
    } finally {
      await f.dispose();
    }
  });

  test('an export abandoned midway releases its connection', async () => {
    const f = await freshStorage(db.url, { maxConnections: 1 });
    try {
      await f.storage.videos.create(video('v'));
      await f.storage.detections.insertMany(detections('v', 1200));
      for await (const r of f.storage.exportRecords()) {
        if (r.table === 'detections') break;
      }
      // With a pool of one, this would wait forever if the snapshot kept its client.
      expect(await f.storage.detections.countForVideo('v')).toBe(1200);
      const refs = [];
      for await (const ref of f.storage.fileReferences()) refs.push(ref.key);
      expect(refs).toEqual(['videos/v.mp4']);
    } finally {
      await f.dispose();
    }
  });
});
