import { describe, expect, it } from 'vitest';
import {
  backupKey,
  blobKey,
  blobShaOf,
  blobTouchKey,
  blobTouchShaOf,
  cacheKey,
  classifyKey,
  frameKey,
  isStorageError,
  modelKey,
  outputKey,
  tempKey,
  timelineKey,
  videoKey,
} from '../../src/index.js';

const LATE = new Date('2026-12-31T22:30:00-03:00'); // already 2027-01-01 01:30 in UTC
const SHA = 'ab'.repeat(32);

function validationOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (isStorageError(err, 'VALIDATION')) return err.message;
    throw err;
  }
  throw new Error('expected a VALIDATION error');
}

describe('layout', () => {
  it('builds the reference layout as keys, dated in UTC', () => {
    expect(videoKey('0193a1b2-v', '.MP4', LATE)).toBe('videos/202701/0193a1b2-v.mp4');
    expect(frameKey('ann_1', 12_345.9, LATE)).toBe('annotations/frames/202701/01/frame_ann_1_0000012345.png');
    expect(frameKey('ann_1', 0, LATE, 'jpeg')).toBe(
      'annotations/frames/202701/01/frame_ann_1_0000000000.jpg',
    );
    expect(frameKey('a', 98_765_432_109, LATE)).toBe('annotations/frames/202701/01/frame_a_98765432109.png');
    expect(modelKey('m1', 'yolo_v8', '1.0')).toBe('models/yolo_v8/1.0/m1.bin');
    expect(modelKey('m1', 'yolo', '2', 'onnx')).toBe('models/yolo/2/m1.onnx');
    expect(timelineKey('t1', 3)).toBe('timelines/t1/v3.json');
    expect(outputKey('render.mp4', LATE)).toBe('output/202701/render.mp4');
    expect(cacheKey('thumb-1')).toBe('cache/thumb-1');
    expect(tempKey('upload-1')).toBe('temp/upload-1');
    expect(backupKey('b1', 'manifest.json')).toBe('backups/b1/manifest.json');
    expect(blobKey(SHA)).toBe(`blobs/sha256/ab/ab/${SHA}`);
  });

  it('refuses ids, types and versions that are not one safe segment', () => {
    const bad = ['', '.', '..', '../x', 'a/b', 'a\\b', '.hidden', 'a b', 'a\u0000b', 'x'.repeat(129), 'é'];
    for (const value of bad) {
      expect(validationOf(() => videoKey(value, 'mp4', LATE))).toContain('video id');
      expect(validationOf(() => modelKey('m', value, '1'))).toContain('model type');
      expect(validationOf(() => modelKey('m', 't', value))).toContain('model version');
      expect(validationOf(() => frameKey(value, 0, LATE))).toContain('annotation id');
    }
    expect(validationOf(() => videoKey('v', 'm/p4', LATE))).toContain('extension');
    expect(validationOf(() => frameKey('a', -1, LATE))).toContain('timestamp');
    expect(validationOf(() => frameKey('a', Number.NaN, LATE))).toContain('timestamp');
    expect(validationOf(() => videoKey('v', 'mp4', new Date('nope')))).toContain('date');
    expect(validationOf(() => timelineKey('t', 0))).toContain('version');
    expect(validationOf(() => blobKey('AB'.repeat(32)))).toContain('sha256');
  });

  it('classifies keys by area', () => {
    const cases: [string, string][] = [
      ['videos/202612/v.mp4', 'videos'],
      ['annotations/frames/202612/04/frame_a_0000000001.png', 'frames'],
      ['annotations/notes.txt', 'other'],
      ['models/t/1.0/m.bin', 'models'],
      ['timelines/t/v1.json', 'timelines'],
      ['output/202612/r.mp4', 'output'],
      ['cache/x', 'cache'],
      ['temp/x', 'temp'],
      ['backups/b/m.json', 'backups'],
      [blobKey(SHA), 'blobs'],
      ['blobs/other', 'other'],
      ['videos/', 'other'],
      ['videosX/a', 'other'],
      ['tempfile', 'other'],
    ];
    for (const [key, area] of cases) expect(classifyKey(key), key).toBe(area);
  });

  it('reads the sha256 back from a blob key only', () => {
    expect(blobShaOf(blobKey(SHA))).toBe(SHA);
    expect(blobShaOf(`blobs/sha256/cd/ab/${SHA}`)).toBeNull();
    expect(blobShaOf(`blobs/sha256/ab/ab/${SHA}.tmp`)).toBeNull();
    expect(blobShaOf(`x/blobs/sha256/ab/ab/${SHA}`)).toBeNull();
    expect(blobShaOf(blobTouchKey(SHA))).toBeNull();
  });

  it('names a blob touch marker beside its blob and reads the sha256 back from it only', () => {
    expect(blobTouchKey(SHA)).toBe(`${blobKey(SHA)}.touch`);
    expect(blobTouchShaOf(blobTouchKey(SHA))).toBe(SHA);
    expect(blobTouchShaOf(blobKey(SHA))).toBeNull();
    expect(blobTouchShaOf(`blobs/sha256/cd/ab/${SHA}.touch`)).toBeNull();
    expect(validationOf(() => blobTouchKey('AB'.repeat(32)))).toMatch(/sha256/);
  });
});
