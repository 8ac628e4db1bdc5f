import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { blobKey, blobShaOf, blobTouchKey, POINTER_CONTENT_TYPE } from '../../index.js';
import { patternBytes, rejectsWithCode } from '../assert.js';
import { allKeys, chunked, type HarnessFactory, readKey, useContext } from './harness.js';
import { gradientPng } from './image-fixtures.js';
import { isoBmff } from './media.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const NOW = new Date('2026-12-04T10:00:00Z');

/** storeModel, and content-addressed dedup across videos, frames and models. */
export function modelAndDedupCases(factory: HarnessFactory): void {
  describe('storeModel', () => {
    const ctx = useContext(factory);

    it('stores bytes, a stream and a path under models/<type>/<version>/<id>.<ext>', async () => {
      const fm = ctx.manager();
      const bytes = patternBytes(50_000, 3);
      const a = await fm.storeModel(bytes, { id: 'm1', modelType: 'yolo_v8', version: '2.1', ext: '.ONNX' });
      expect(a).toMatchObject({
        key: 'models/yolo_v8/2.1/m1.onnx',
        size: 50_000,
        sha256: sha(bytes),
        deduplicated: false,
      });
      const b = await fm.storeModel(Readable.from(chunked(bytes)), { id: 'm2', modelType: 'face' });
      expect(b.key).toBe('models/face/1.0/m2.bin');
      const path = join(ctx.scratch, 'model.pkl');
      await writeFile(path, bytes);
      const c = await fm.storeModel(path, { id: 'm3', modelType: 'face', ext: 'pkl' });
      expect(c.sha256).toBe(sha(bytes));
      for (const key of [a.key, b.key, c.key]) expect((await readKey(fm, key)).equals(bytes)).toBe(true);
    });

    it('refuses an existing version unless replace, and bad names, changing nothing', async () => {
      const fm = ctx.manager();
      await fm.storeModel(Buffer.from('v1'), { id: 'm', modelType: 't' });
      await rejectsWithCode(fm.storeModel(Buffer.from('v2'), { id: 'm', modelType: 't' }), 'ALREADY_EXISTS');
      await rejectsWithCode(
        fm.storeModel(Readable.from([Buffer.from('v2')]), { id: 'm', modelType: 't' }),
        'ALREADY_EXISTS',
      );
      expect((await readKey(fm, 'models/t/1.0/m.bin')).toString()).toBe('v1');
      await fm.storeModel(Buffer.from('v2'), { id: 'm', modelType: 't', replace: true });
      expect((await readKey(fm, 'models/t/1.0/m.bin')).toString()).toBe('v2');
      for (const bad of [{ modelType: 'a/b' }, { modelType: '..' }, { version: '../1' }, { ext: 'a/b' }]) {
        await rejectsWithCode(
          fm.storeModel(Buffer.from('x'), { id: 'z', modelType: 't', ...bad }),
          'VALIDATION',
        );
      }
      await rejectsWithCode(
        ctx.manager({ files: { maxFileSize: 10 } }).storeModel(Buffer.alloc(11), { id: 'z', modelType: 't' }),
        'VALIDATION',
      );
      expect(await allKeys(ctx.harness.store)).toEqual(['models/t/1.0/m.bin']);
    });
  });

  describe('dedup', () => {
    const ctx = useContext(factory);

    it('delete removes only the pointer; cleanup then removes the blob no pointer names', async () => {
      const fm = ctx.manager({ files: { dedup: true } });
      const bytes = patternBytes(5000, 4);
      const a = await fm.storeModel(bytes, { id: 'a', modelType: 't' });
      const b = await fm.storeModel(bytes, { id: 'b', modelType: 't' });
      expect(await fm.delete(a.key)).toBe(true);
      expect((await readKey(fm, b.key)).equals(bytes)).toBe(true);
      const later = new Date(Date.now() + 2 * 3_600_000);
      const refs = new Set([b.key]);
      expect(await fm.cleanup({ references: refs, now: later })).toMatchObject({
        modelsRemoved: 0,
        blobsRemoved: 0,
      });
      expect(await fm.delete(b.key)).toBe(true);
      expect(await fm.cleanup({ references: refs, now: later })).toEqual({
        videosRemoved: 0,
        outputsRemoved: 0,
        framesRemoved: 0,
        modelsRemoved: 0,
        tempRemoved: 0,
        blobsRemoved: 1,
        incompleteRemoved: 0,
        bytesFreed: 5000,
      });
      expect(await allKeys(ctx.harness.store)).toEqual([]);
      await rejectsWithCode(fm.open(b.key), 'NOT_FOUND');
      expect(await fm.head(b.key)).toBeNull();
    });

    it('stores the same video bytes once (stream and path), pointers open the original bytes', async () => {
      const fm = ctx.manager({ files: { dedup: true } });
      const video = isoBmff('isom', 30_000);
      const path = join(ctx.scratch, 'v.mp4');
      await writeFile(path, video);
      const first = await fm.storeVideo(Readable.from(chunked(video)), { id: 'v1', now: NOW });
      const second = await fm.storeVideo(path, { id: 'v2', now: NOW });
      const third = await fm.storeVideo(Readable.from([video]), { id: 'v3', now: NOW });
      expect([first.deduplicated, second.deduplicated, third.deduplicated]).toEqual([false, true, true]);
      expect(await allKeys(ctx.harness.store)).toEqual([
        blobKey(sha(video)),
        blobTouchKey(sha(video)), // rewritten on every reuse, so cleanup sees the blob as used
        'videos/202612/v1.mp4',
        'videos/202612/v2.mp4',
        'videos/202612/v3.mp4',
      ]);
      expect(blobKey(sha(video))).toBe(
        `blobs/sha256/${sha(video).slice(0, 2)}/${sha(video).slice(2, 4)}/${sha(video)}`,
      );
      for (const s of [first, second, third]) {
        expect(s.sha256).toBe(sha(video));
        expect((await readKey(fm, s.key)).equals(video)).toBe(true);
        const raw = await ctx.harness.store.head(s.key);
        expect(raw?.contentType).toBe(POINTER_CONTENT_TYPE);
        expect(raw?.size).toBeLessThan(1024);
        expect(await fm.head(s.key)).toMatchObject({
          size: video.length,
          sha256: sha(video),
          contentType: 'video/mp4',
        });
      }
    });

    it('stores identical frames and models once; different bytes get their own blob', async () => {
      const fm = ctx.manager({ files: { dedup: true } });
      const png = await gradientPng(64, 48);
      const f1 = await fm.storeFrameImage(png, { annotationId: 'a', timestampMs: 1, now: NOW });
      const f2 = await fm.storeFrameImage(png, { annotationId: 'b', timestampMs: 1, now: NOW });
      expect([f1.deduplicated, f2.deduplicated]).toEqual([false, true]);
      expect(f1.sha256).toBe(f2.sha256);
      await fm.storeModel(Buffer.from('weights'), { id: 'm1', modelType: 't' });
      await fm.storeModel(Readable.from([Buffer.from('weights')]), { id: 'm2', modelType: 't' });
      await fm.storeModel(Buffer.from('other weights'), { id: 'm3', modelType: 't' });
      const blobs = (await allKeys(ctx.harness.store)).filter((k) => blobShaOf(k) !== null);
      expect(blobs.sort()).toEqual(
        [
          blobKey(f1.sha256),
          blobKey(sha(Buffer.from('weights'))),
          blobKey(sha(Buffer.from('other weights'))),
        ].sort(),
      );
      expect((await readKey(fm, 'models/t/1.0/m2.bin')).toString()).toBe('weights');
      expect((await allKeys(ctx.harness.store)).some((k) => k.startsWith('temp/'))).toBe(false);
      // An existing key is refused before any blob is written.
      const before = await allKeys(ctx.harness.store);
      await rejectsWithCode(
        fm.storeModel(Buffer.from('new bytes'), { id: 'm1', modelType: 't' }),
        'ALREADY_EXISTS',
      );
      await rejectsWithCode(
        fm.storeModel(Readable.from([Buffer.from('new bytes')]), { id: 'm1', modelType: 't' }),
        'ALREADY_EXISTS',
      );
      expect(await allKeys(ctx.harness.store)).toEqual(before);
    });
  });
}
