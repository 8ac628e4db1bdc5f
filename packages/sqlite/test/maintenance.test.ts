import { type ExportRecord, isStorageError } from '@vpe-storage/core';
import Database from 'better-sqlite3';
import { afterEach, expect, test } from 'vitest';
import { SqliteStorage } from '../src/index.js';
import { openTempStorage } from './helpers/temp-db.js';

let dispose: (() => Promise<void>) | null = null;
afterEach(async () => {
  await dispose?.();
  dispose = null;
});

async function seeded() {
  const t = await openTempStorage();
  dispose = t.dispose;
  const s = t.storage;
  await s.videos.create({
    id: 'v',
    filename: 'v.mp4',
    fileKey: 'videos/v.mp4',
    duration: 9,
    frameRate: 30,
    width: 8,
    height: 8,
    fileSize: 1,
  });
  await s.annotations.save({
    id: 'a',
    videoId: 'v',
    timestamp: 1,
    bbox: { x: 0, y: 0, width: 1, height: 1 },
    label: 'k',
    imageKey: 'frames/a.png',
  });
  await s.models.register({ id: 'm', name: 'm', modelType: 'yolo', areaType: 't', fileKey: 'models/m.pt' });
  await s.timelines.save({
    id: 't',
    videoId: 'v',
    data: { videoDuration: 9, frameRate: 30, blurRegions: [] },
  });
  const job = await s.jobs.create({ id: 'j', videoId: 'v', timelineId: 't' });
  await s.jobs.claimNext('w1');
  await s.jobs.complete(job.id, { outputKey: 'output/j.mp4' });
  await s.detections.insertMany(
    Array.from({ length: 3000 }, (_, i) => ({
      videoId: 'v',
      timestamp: i / 100,
      frameNumber: i,
      detectorType: 'ocr',
      bbox: { x: 0, y: 0, width: 1, height: 1 },
      confidence: 0.5,
    })),
  );
  return t;
}

test('stats: rows per table, page figures, file and WAL sizes', async () => {
  const t = await seeded();
  const stats = await t.storage.stats();
  expect(stats.backend).toBe('sqlite');
  expect(stats.schemaVersion).toBe(1);
  expect(stats.rows).toMatchObject({
    videos: 1,
    annotations: 1,
    detections: 3000,
    timelines: 1,
    processing_jobs: 1,
    models: 1,
  });
  expect(stats.details).toMatchObject({
    pageSize: expect.any(Number),
    pageCount: expect.any(Number),
    freelistCount: expect.any(Number),
  });
  expect(stats.details.walBytes).toBeGreaterThan(0);
  expect(stats.sizeBytes).toBe((stats.details.fileBytes as number) + (stats.details.walBytes as number));
});

test('vacuum reclaims free pages and truncates the WAL', async () => {
  const t = await seeded();
  await t.storage.videos.delete('v'); // cascades 3000 detections away
  await t.storage.vacuum();
  const stats = await t.storage.stats();
  expect(stats.details.freelistCount).toBe(0);
  expect(stats.details.walBytes).toBe(0);
  expect(stats.rows.detections).toBe(0);
});

test('checkIntegrity: healthy store is []; broken JSON, bad timeline data and dangling rows are reported', async () => {
  const t = await seeded();
  expect(await t.storage.checkIntegrity()).toEqual([]);
  const raw = new Database(t.file);
  raw.pragma('foreign_keys = OFF');
  raw
    .prepare(
      'UPDATE timelines SET timeline_data = \'{"videoDuration": -1, "frameRate": 30, "blurRegions": []}\'',
    )
    .run();
  raw.prepare("UPDATE models SET metadata = 'not json'").run();
  raw.prepare("UPDATE annotations SET video_id = 'gone'").run();
  const bad = raw.prepare('SELECT id FROM detections ORDER BY id LIMIT 2').all() as { id: string }[];
  raw.prepare("UPDATE detections SET reviewed_at = 'yesterday' WHERE id = ?").run(bad[0]?.id);
  raw
    .prepare(
      'UPDATE detections SET detection_metadata = \'{"deep": {"n": 1}}\', frame_number = 1.5 WHERE id = ?',
    )
    .run(bad[1]?.id);
  raw.close();
  const issues = await t.storage.checkIntegrity();
  expect(issues).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ check: 'BAD_TIMELINE_DATA', table: 'timelines', id: 't' }),
      expect.objectContaining({ check: 'BAD_JSON', table: 'models', id: 'm' }),
      expect.objectContaining({ check: 'FOREIGN_KEY', table: 'annotations', id: 'a' }),
      expect.objectContaining({ check: 'BAD_RECORD', table: 'detections', id: bad[0]?.id }),
      expect.objectContaining({ check: 'BAD_RECORD', table: 'detections', id: bad[1]?.id }),
    ]),
  );
  expect(issues.filter((i) => i.table === 'detections')).toHaveLength(2);
});

test('export streams one snapshot: writes made while it runs do not show; import is all or nothing', async () => {
  const t = await seeded();
  const out: ExportRecord[] = [];
  let wroteDuring = false;
  for await (const r of t.storage.exportRecords()) {
    out.push(r);
    if (!wroteDuring) {
      wroteDuring = true;
      await t.storage.videos.create({
        id: 'late',
        filename: 'l',
        fileKey: 'videos/late.mp4',
        duration: 1,
        frameRate: 1,
        width: 1,
        height: 1,
        fileSize: 0,
      });
    }
  }
  expect(out.filter((r) => r.table === 'videos').map((r) => r.record.id)).toEqual(['v']);
  expect(out.filter((r) => r.table === 'detections')).toHaveLength(3000);
  const refs = [];
  for await (const r of t.storage.fileReferences()) refs.push(r);
  expect(refs.map((r) => `${r.table}.${r.column}=${r.key}`).sort()).toEqual([
    'annotations.imageKey=frames/a.png',
    'models.fileKey=models/m.pt',
    'processing_jobs.outputKey=output/j.mp4',
    'videos.fileKey=videos/late.mp4',
    'videos.fileKey=videos/v.mp4',
  ]);

  // Into a non-empty store: CONFLICT. Into a fresh one: every record, equal field by field.
  await expect(t.storage.importRecords(out)).rejects.toMatchObject({ code: 'CONFLICT' });
  const target = new SqliteStorage({ path: ':memory:' });
  await target.initialize();
  try {
    // Reversed order: foreign keys are checked at commit, so order does not matter.
    const result = await target.importRecords([...out].reverse());
    expect(result.rows.detections).toBe(3000);
    const back: ExportRecord[] = [];
    for await (const r of target.exportRecords()) back.push(r);
    expect(back).toEqual(out);
    // A broken stream (a detection of a missing video) imports nothing.
    const other = new SqliteStorage({ path: ':memory:' });
    await other.initialize();
    const bad = [...out.filter((r) => r.table !== 'videos')];
    const err = await other.importRecords(bad).catch((e: unknown) => e);
    expect(isStorageError(err, 'CONSTRAINT')).toBe(true);
    expect((await other.stats()).rows.detections).toBe(0);
    await other.close();
  } finally {
    await target.close();
  }
});

test('claimNext hands each pending job to one worker, oldest first', async () => {
  const t = await seeded();
  const s = t.storage;
  for (let i = 0; i < 20; i++)
    await s.jobs.create({ id: `job-${String(i).padStart(2, '0')}`, videoId: 'v', timelineId: 't' });
  const claims = await Promise.all(Array.from({ length: 25 }, (_, i) => s.jobs.claimNext(`w${i}`)));
  const got = claims.filter((c) => c !== null).map((c) => c.id);
  expect(got).toHaveLength(20);
  expect(new Set(got).size).toBe(20);
  expect([...got].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `job-${String(i).padStart(2, '0')}`));
});
