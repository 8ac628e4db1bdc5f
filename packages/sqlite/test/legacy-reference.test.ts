import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { SqliteStorage } from '../src/index.js';
import { tempDir } from './helpers/temp-db.js';

const REFERENCE_DDL = readFileSync(join(import.meta.dirname, 'fixtures', 'reference-schema.sql'), 'utf8');
const DATA = '/home/alice/vpe/data';

const legacyTimelineData = {
  video_path: `${DATA}/videos/202612/vid-1.mp4`,
  video_duration: 120.5,
  frame_rate: 30,
  blur_regions: [
    {
      id: 'region-1',
      start_time: 1,
      end_time: 4.5,
      bounding_box: { x: 10, y: 20, width: 300, height: 40 },
      blur_type: 'gaussian',
      blur_strength: 15,
      interpolation: 'linear',
      confidence: 0.9,
      needs_review: false,
      metadata: { source: 'ocr' },
    },
  ],
  version: 1,
  created_at: '2026-12-01T10:00:00.123456',
  metadata: { name: 'first pass' },
};

/** A database exactly as the reference made it, with a few rows in every table. */
function makeReferenceDb(file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.exec(REFERENCE_DDL);
  db.prepare(
    `INSERT INTO videos (id, filename, filepath, duration, frame_rate, width, height, file_size, codec, checksum, metadata)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    'vid-1',
    'demo.mp4',
    `${DATA}/videos/202612/vid-1.mp4`,
    120.5,
    30,
    1920,
    1080,
    1048576,
    'h264',
    null,
    '{"camera": "A"}',
  );
  db.prepare(
    `INSERT INTO videos (id, filename, filepath, duration, frame_rate, width, height, file_size, created_at, metadata)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
  ).run(
    'vid-2',
    'other.mov',
    'C:\\Users\\bob\\Videos\\other.mov',
    60,
    25,
    1280,
    720,
    2048,
    '2026-11-30 08:15:00',
  );
  db.prepare(
    `INSERT INTO scenes (id, video_id, start_time, end_time, scene_type, description, priority, metadata)
     VALUES ('scene-1', 'vid-1', 0.5, 9.5, 'terminal', 'shell history', 'high', '{"k": 1}')`,
  ).run();
  db.prepare(
    `INSERT INTO annotations (id, video_id, scene_id, timestamp, frame_number, bbox_x, bbox_y, bbox_width, bbox_height,
       label, confidence, image_path, annotated_by, metadata)
     VALUES ('ann-1', 'vid-1', 'scene-1', 2.5, 75, 10, 20, 100, 50, 'api_key', 0.75, ?, 'alice', '{"note": "x"}')`,
  ).run(`${DATA}/annotations/frames/202612/01/frame_ann-1_0000002500.png`);
  const det = db.prepare(
    `INSERT INTO detections (id, video_id, timestamp, frame_number, detector_type, bbox_x, bbox_y, bbox_width, bbox_height,
       confidence, needs_review, reviewed_by, reviewed_at, detection_metadata)
     VALUES (?, 'vid-1', ?, ?, 'ocr', ?, 5, 64, 32, ?, ?, ?, ?, ?)`,
  );
  det.run('det-1', 1.0, 30, -4, 0.5, 1, null, null, '{"text": "sk-…"}');
  det.run('det-2', 2.0, 60, 8, 0.95, 0, 'bob', '2026-12-02 09:00:00', null);
  db.prepare(
    `INSERT INTO timelines (id, video_id, name, version, timeline_data, status, created_by, metadata)
     VALUES ('tl-1', 'vid-1', 'Timeline v1', 1, ?, 'approved', 'alice', '{"name": "first pass"}')`,
  ).run(JSON.stringify(legacyTimelineData));
  db.prepare(
    `INSERT INTO processing_jobs (id, video_id, timeline_id, status, progress, output_path, processing_config, started_at, completed_at)
     VALUES ('job-1', 'vid-1', 'tl-1', 'completed', 100.0, ?, '{"codec": "h264"}', '2026-12-02 10:00:00', '2026-12-02 10:05:00')`,
  ).run(`${DATA}/output/vid-1-blurred.mp4`);
  db.prepare(
    `INSERT INTO models (id, name, model_type, area_type, version, file_path, training_data_count, accuracy_metrics, metadata)
     VALUES ('model-1', 'ocr-terminal', 'yolo', 'terminal', '1.2', ?, 250, '{"map": 0.81}', NULL)`,
  ).run(`${DATA}/models/yolo/1.2/model-1.pkl`);
  db.close();
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function openOn(file: string): Promise<SqliteStorage> {
  const storage = new SqliteStorage({ path: file });
  await storage.initialize();
  cleanups.push(() => storage.close());
  return storage;
}

describe('a database made with the reference DDL', () => {
  test('is migrated in place with every row kept and converted field by field', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const file = join(dir, 'reference.db');
    makeReferenceDb(file);
    const storage = await openOn(file);

    expect(await storage.schemaVersion()).toBe(1);
    const { rows } = await storage.stats();
    expect(rows).toEqual({
      videos: 2,
      scenes: 1,
      annotations: 1,
      detections: 2,
      timelines: 1,
      processing_jobs: 1,
      models: 1,
      audit_log: 0,
    });

    const v1 = await storage.videos.get('vid-1');
    expect(v1).toMatchObject({
      filename: 'demo.mp4',
      fileKey: 'videos/202612/vid-1.mp4',
      duration: 120.5,
      frameRate: 30,
      width: 1920,
      height: 1080,
      fileSize: 1048576,
      codec: 'h264',
      checksum: null,
      metadata: { camera: 'A', legacyPath: `${DATA}/videos/202612/vid-1.mp4` },
    });
    expect(v1?.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const v2 = await storage.videos.get('vid-2');
    expect(v2?.fileKey).toBe('legacy/Users/bob/Videos/other.mov');
    expect(v2?.createdAt).toBe('2026-11-30T08:15:00.000Z');
    expect(v2?.metadata).toEqual({ legacyPath: 'C:\\Users\\bob\\Videos\\other.mov' });
    expect(await storage.videos.getByFileKey('videos/202612/vid-1.mp4')).toMatchObject({ id: 'vid-1' });

    expect(await storage.scenes.get('scene-1')).toMatchObject({
      videoId: 'vid-1',
      startTime: 0.5,
      endTime: 9.5,
      sceneType: 'terminal',
      description: 'shell history',
      priority: 'high',
      metadata: { k: 1 },
    });
    expect(await storage.annotations.get('ann-1')).toMatchObject({
      videoId: 'vid-1',
      sceneId: 'scene-1',
      timestamp: 2.5,
      frameNumber: 75,
      bbox: { x: 10, y: 20, width: 100, height: 50 },
      label: 'api_key',
      confidence: 0.75,
      imageKey: 'annotations/frames/202612/01/frame_ann-1_0000002500.png',
      annotatedBy: 'alice',
      metadata: {
        note: 'x',
        legacyImagePath: `${DATA}/annotations/frames/202612/01/frame_ann-1_0000002500.png`,
      },
    });
    expect(await storage.detections.get('det-1')).toMatchObject({
      timestamp: 1,
      frameNumber: 30,
      detectorType: 'ocr',
      bbox: { x: -4, y: 5, width: 64, height: 32 },
      confidence: 0.5,
      needsReview: true,
      reviewedBy: null,
      reviewedAt: null,
      metadata: { text: 'sk-…' },
    });
    expect(await storage.detections.get('det-2')).toMatchObject({
      needsReview: false,
      reviewedBy: 'bob',
      reviewedAt: '2026-12-02T09:00:00.000Z',
      metadata: {},
    });

    const timeline = await storage.timelines.load('tl-1');
    expect(timeline).toMatchObject({
      version: 1,
      videoId: 'vid-1',
      name: 'Timeline v1',
      status: 'approved',
      createdBy: 'alice',
    });
    expect(timeline?.data.videoDuration).toBe(120.5);
    expect(timeline?.data.frameRate).toBe(30);
    expect(timeline?.data.blurRegions).toEqual([
      {
        id: 'region-1',
        startTime: 1,
        endTime: 4.5,
        bbox: { x: 10, y: 20, width: 300, height: 40 },
        blurType: 'gaussian',
        blurStrength: 15,
        interpolation: 'linear',
        confidence: 0.9,
        needsReview: false,
        metadata: { source: 'ocr' },
      },
    ]);
    expect(timeline?.data.metadata).toMatchObject({
      name: 'first pass',
      legacy: { videoPath: legacyTimelineData.video_path },
    });

    expect(await storage.jobs.get('job-1')).toMatchObject({
      videoId: 'vid-1',
      timelineId: 'tl-1',
      timelineVersion: 1,
      status: 'completed',
      progress: 100,
      outputKey: 'output/vid-1-blurred.mp4',
      config: { codec: 'h264' },
      workerId: null,
      startedAt: '2026-12-02T10:00:00.000Z',
      completedAt: '2026-12-02T10:05:00.000Z',
    });
    expect(await storage.models.get('model-1')).toMatchObject({
      name: 'ocr-terminal',
      modelType: 'yolo',
      areaType: 'terminal',
      version: '1.2',
      fileKey: 'models/yolo/1.2/model-1.pkl',
      trainingDataCount: 250,
      accuracyMetrics: { map: 0.81 },
      metadata: { legacyFilePath: `${DATA}/models/yolo/1.2/model-1.pkl` },
    });

    // Every converted record validates, and the new schema's rules now hold (versions are kept).
    expect(await storage.checkIntegrity()).toEqual([]);
    const v2timeline = await storage.timelines.save({ id: 'tl-1', videoId: 'vid-1', data: timeline!.data });
    expect(v2timeline.version).toBe(2);
    expect((await storage.timelines.load('tl-1', 1))?.status).toBe('approved');
  });

  test('a second open is a no-op: one recorded migration, same rows', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const file = join(dir, 'reference.db');
    makeReferenceDb(file);
    const first = await openOn(file);
    const exported = [];
    for await (const r of first.exportRecords()) exported.push(r);
    await first.close();

    const second = await openOn(file);
    const again = [];
    for await (const r of second.exportRecords()) again.push(r);
    expect(again).toEqual(exported);
    const migrations = await second.migrations();
    expect(migrations.map((m) => [m.version, m.appliedAt !== null])).toEqual([[1, true]]);
    const raw = new Database(file, { readonly: true });
    expect(raw.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: 1 });
    expect(raw.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name LIKE 'legacy_%'").get()).toEqual({
      n: 0,
    });
    raw.close();
  });

  test('a reference database with a dangling reference is refused unchanged (INTEGRITY)', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const file = join(dir, 'reference.db');
    makeReferenceDb(file);
    const db = new Database(file);
    db.pragma('foreign_keys = OFF');
    db.prepare("UPDATE scenes SET video_id = 'gone' WHERE id = 'scene-1'").run();
    db.close();
    const storage = new SqliteStorage({ path: file });
    await expect(storage.initialize()).rejects.toMatchObject({ code: 'INTEGRITY' });
    const raw = new Database(file, { readonly: true });
    const cols = raw.prepare("SELECT name FROM pragma_table_info('videos')").all() as { name: string }[];
    expect(cols.map((c) => c.name)).toContain('filepath');
    expect(
      raw.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'schema_migrations'").get(),
    ).toEqual({ n: 0 });
    raw.close();
  });
});
