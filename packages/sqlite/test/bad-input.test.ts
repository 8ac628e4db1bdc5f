import { encodeCursor, isStorageError, type StorageError, TABLES } from '@vpe-storage/core';
import { afterEach, describe, expect, test } from 'vitest';
import type { SqliteStorage } from '../src/index.js';
import { openTempStorage, rawReader } from './helpers/temp-db.js';

let dispose: (() => Promise<void>) | null = null;
afterEach(async () => {
  await dispose?.();
  dispose = null;
});

async function setup() {
  const t = await openTempStorage();
  dispose = t.dispose;
  const raw = rawReader(t.file);
  const prev = dispose;
  dispose = async () => {
    raw.close();
    await prev();
  };
  const video = await t.storage.videos.create({
    id: 'v1',
    filename: 'a.mp4',
    fileKey: 'videos/a.mp4',
    duration: 10,
    frameRate: 30,
    width: 640,
    height: 480,
    fileSize: 1,
  });
  return { storage: t.storage, raw, video };
}

async function counts(raw: ReturnType<typeof rawReader>): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = await raw.countRows(t);
  return out;
}

/** Asserts that `call` rejects with `code` and, when `noSql`, that not one statement ran. */
async function rejectsBeforeSql(
  storage: SqliteStorage,
  raw: ReturnType<typeof rawReader>,
  call: () => Promise<unknown>,
  code: string,
  noSql = true,
): Promise<StorageError> {
  const before = await counts(raw);
  const statements = storage.statementCount;
  const err = await call().then(
    () => {
      throw new Error(`expected ${code}, the call succeeded`);
    },
    (e: unknown) => e,
  );
  expect(isStorageError(err), String(err)).toBe(true);
  expect((err as StorageError).code).toBe(code);
  if (noSql) expect(storage.statementCount - statements).toBe(0);
  expect(await counts(raw)).toEqual(before);
  return err as StorageError;
}

describe('invalid records are VALIDATION before any SQL runs', () => {
  test('every repository refuses bad input without a statement', async () => {
    const { storage, raw } = await setup();
    const bad: [string, () => Promise<unknown>][] = [
      [
        'video without file key',
        () =>
          storage.videos.create({
            filename: 'x',
            duration: 1,
            frameRate: 1,
            width: 1,
            height: 1,
            fileSize: 0,
          } as never),
      ],
      [
        'video with absolute key',
        () =>
          storage.videos.create({
            filename: 'x',
            fileKey: '/etc/passwd',
            duration: 1,
            frameRate: 1,
            width: 1,
            height: 1,
            fileSize: 0,
          }),
      ],
      [
        'video with NaN duration',
        () =>
          storage.videos.create({
            filename: 'x',
            fileKey: 'a/b',
            duration: Number.NaN,
            frameRate: 1,
            width: 1,
            height: 1,
            fileSize: 0,
          }),
      ],
      [
        'scene ending before it starts',
        () => storage.scenes.create({ videoId: 'v1', startTime: 5, endTime: 5, sceneType: 'custom' }),
      ],
      [
        'scene of unknown type',
        () => storage.scenes.create({ videoId: 'v1', startTime: 0, endTime: 5, sceneType: 'other' as never }),
      ],
      [
        'annotation with negative x',
        () =>
          storage.annotations.save({
            videoId: 'v1',
            timestamp: 0,
            bbox: { x: -1, y: 0, width: 1, height: 1 },
            label: 'k',
          }),
      ],
      [
        'annotation with confidence 1.5',
        () =>
          storage.annotations.save({
            videoId: 'v1',
            timestamp: 0,
            bbox: { x: 0, y: 0, width: 1, height: 1 },
            label: 'k',
            confidence: 1.5,
          }),
      ],
      [
        'timeline with a zero-length region',
        () =>
          storage.timelines.save({
            videoId: 'v1',
            data: {
              videoDuration: 1,
              frameRate: 1,
              blurRegions: [{ id: 'r', startTime: 1, endTime: 1, bbox: { x: 0, y: 0, width: 1, height: 1 } }],
            },
          }),
      ],
      [
        'job with version 0',
        () => storage.jobs.create({ videoId: 'v1', timelineId: 't', timelineVersion: 0 }),
      ],
      [
        'model with traversal key',
        () =>
          storage.models.register({ name: 'm', modelType: 't', areaType: 'a', fileKey: 'models/../../x' }),
      ],
      ['audit without action', () => storage.audit.append({ entityType: 'video', entityId: 'v1' } as never)],
      ['id with a NUL', () => storage.videos.get('a\u0000b')],
      ['empty id', () => storage.scenes.get('')],
      ['progress 101', () => storage.jobs.updateProgress('j', 101)],
      ['range end < start', () => storage.detections.inRange('v1', 5, 1)],
      ['page limit 0', () => storage.videos.list({ limit: 0 })],
      ['garbage cursor', () => storage.videos.list({ cursor: 'not-a-cursor' })],
      ['cursor of the wrong arity', () => storage.videos.list({ cursor: encodeCursor(['x']) })],
      [
        'cursor with an object value',
        () => storage.detections.inRange('v1', 0, 1, undefined, { cursor: encodeCursor([{ a: 1 }, 'x']) }),
      ],
      [
        'cursor with a string where a number sorts',
        () => storage.scenes.listForVideo('v1', { cursor: encodeCursor(['0) OR 1=1 --', 'x']) }),
      ],
      ['unknown filter field', () => storage.models.find({ modelType: 'x', evil: '1' } as never)],
      ['migration target beyond the latest', () => storage.migrate(99)],
    ];
    for (const [what, call] of bad) {
      const err = await rejectsBeforeSql(storage, raw, call, 'VALIDATION');
      expect(err.message.length, what).toBeGreaterThan(10);
    }
  });

  test('insertMany of an array with one bad item at the end: VALIDATION naming it, no statement', async () => {
    const { storage, raw } = await setup();
    const items = Array.from({ length: 2500 }, (_, i) => ({
      videoId: 'v1',
      timestamp: i / 10,
      frameNumber: i,
      detectorType: 'ocr',
      bbox: { x: 0, y: 0, width: 10, height: 10 },
      confidence: 0.5,
    }));
    items.push({ ...items[0]!, bbox: { x: 0, y: 0, width: 0, height: 10 } });
    const err = await rejectsBeforeSql(
      storage,
      raw,
      () => storage.detections.insertMany(items),
      'VALIDATION',
    );
    expect(err.message).toContain('#2500');
  });

  test('insertMany of a generator failing after two batches: VALIDATION, everything rolled back', async () => {
    const { storage, raw } = await setup();
    function* items() {
      for (let i = 0; i < 2500; i++) {
        yield {
          videoId: 'v1',
          timestamp: i,
          frameNumber: i,
          detectorType: 'ocr',
          bbox: { x: 0, y: 0, width: 1, height: 1 },
          confidence: 1,
        };
      }
      yield {
        videoId: 'v1',
        timestamp: -1,
        frameNumber: 0,
        detectorType: 'ocr',
        bbox: { x: 0, y: 0, width: 1, height: 1 },
        confidence: 1,
      };
    }
    const err = await rejectsBeforeSql(
      storage,
      raw,
      () => storage.detections.insertMany(items()),
      'VALIDATION',
      false,
    );
    expect(err.message).toContain('#2500');
    expect(await storage.detections.countForVideo('v1')).toBe(0);
  });
});

describe('what only SQL can see is CONSTRAINT / ALREADY_EXISTS, and the store is unchanged', () => {
  test('missing parents, duplicate ids and keys', async () => {
    const { storage, raw } = await setup();
    const det = (id: string, videoId = 'v1') => ({
      id,
      videoId,
      timestamp: 1,
      frameNumber: 1,
      detectorType: 'ocr',
      bbox: { x: 0, y: 0, width: 1, height: 1 },
      confidence: 1,
    });
    await rejectsBeforeSql(
      storage,
      raw,
      () => storage.scenes.create({ videoId: 'nope', startTime: 0, endTime: 1, sceneType: 'custom' }),
      'CONSTRAINT',
      false,
    );
    await rejectsBeforeSql(
      storage,
      raw,
      () =>
        storage.annotations.save({
          videoId: 'v1',
          sceneId: 'nope',
          timestamp: 0,
          bbox: { x: 0, y: 0, width: 1, height: 1 },
          label: 'k',
        }),
      'CONSTRAINT',
      false,
    );
    await rejectsBeforeSql(
      storage,
      raw,
      () => storage.detections.insertMany([det('d1'), det('d2'), det('d3', 'nope')]),
      'CONSTRAINT',
      false,
    );
    await rejectsBeforeSql(
      storage,
      raw,
      () => storage.detections.insertMany([det('d1'), det('d2'), det('d1')]),
      'ALREADY_EXISTS',
      false,
    );
    await rejectsBeforeSql(
      storage,
      raw,
      () => storage.jobs.create({ videoId: 'v1', timelineId: 'nope' }),
      'CONSTRAINT',
      false,
    );
    await rejectsBeforeSql(
      storage,
      raw,
      () =>
        storage.videos.create({
          id: 'v2',
          filename: 'b',
          fileKey: 'videos/a.mp4',
          duration: 1,
          frameRate: 1,
          width: 1,
          height: 1,
          fileSize: 0,
        }),
      'ALREADY_EXISTS',
      false,
    );
  });
});

describe('hostile strings are data, never SQL', () => {
  const hostile = [
    "'; DROP TABLE videos; --",
    '" OR 1=1 --',
    "v1' OR '1'='1",
    'Robert"); DELETE FROM detections; --',
    '%_*?[]\\',
    '\u2028\u2029 ünïcødé 🎬 ％２ｅ',
  ];

  test('stored and read back verbatim as ids, labels, filters and cursor values', async () => {
    const { storage, raw } = await setup();
    for (const [i, s] of hostile.entries()) {
      const video = await storage.videos.create({
        id: s,
        filename: s,
        fileKey: `videos/${i}.mp4`,
        duration: 1,
        frameRate: 1,
        width: 1,
        height: 1,
        fileSize: 0,
        metadata: { [s]: s },
      });
      expect(await storage.videos.get(s)).toEqual(video);
      await storage.detections.insertMany([
        {
          id: `${s}#a`,
          videoId: s,
          timestamp: 1,
          frameNumber: 1,
          detectorType: s,
          bbox: { x: 0, y: 0, width: 1, height: 1 },
          confidence: 1,
        },
        {
          id: `${s}#b`,
          videoId: s,
          timestamp: 1,
          frameNumber: 1,
          detectorType: s,
          bbox: { x: 0, y: 0, width: 1, height: 1 },
          confidence: 1,
        },
      ]);
      // A one-item page puts the hostile id into the cursor; the next page must find exactly the other row.
      const first = await storage.detections.inRange(s, 0, 2, { detectorType: s }, { limit: 1 });
      expect(first.items.map((d) => d.id)).toEqual([`${s}#a`]);
      const second = await storage.detections.inRange(
        s,
        0,
        2,
        { detectorType: s },
        { limit: 1, cursor: first.nextCursor },
      );
      expect(second.items.map((d) => d.id)).toEqual([`${s}#b`]);
      expect(second.nextCursor).toBeNull();
      expect((await storage.models.find({ modelType: s })).items).toEqual([]);
      expect((await storage.audit.list({ entityId: s })).items).toEqual([]);
    }
    // A forged cursor whose id is an injection string pages from that string, and nothing else happens.
    const forged = await storage.videos.list({
      cursor: encodeCursor(['0000-01-01T00:00:00.000Z', "' OR 1=1 --"]),
    });
    expect(forged.items.length).toBe(hostile.length + 1);
    const c = await counts(raw);
    expect(c.videos).toBe(hostile.length + 1);
    expect(c.detections).toBe(hostile.length * 2);
  });
});
