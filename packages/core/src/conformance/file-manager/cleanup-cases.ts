import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { blobShaOf, type CleanupOptions, type FileReference } from '../../index.js';
import { patternBytes, rejectsWithCode, sleep } from '../assert.js';
import { allKeys, type HarnessFactory, readKey, useContext } from './harness.js';
import { gradientPng } from './image-fixtures.js';
import { isoBmff } from './media.js';
import { RacingListStore, SmallPagesStore } from './store-views.js';

const HOUR = 3_600_000;
const NOW = new Date('2026-12-04T10:00:00Z');

async function* refs(keys: string[]): AsyncGenerator<FileReference> {
  for (const key of keys) yield { key, table: 'annotations', id: key, column: 'path' } as FileReference;
}

/** cleanup: orphans removed with exact counts and bytes; other areas and referenced keys kept. */
export function cleanupCases(factory: HarnessFactory): void {
  describe('cleanup', () => {
    const ctx = useContext(factory);

    // `gapMs` between the old and the young temp file: over 1 s where the test needs them told apart, since S3
    // reports times to the second.
    async function populate(fm: ReturnType<typeof ctx.manager>, gapMs = 30) {
      const store = ctx.harness.store;
      const frames = [];
      for (let i = 0; i < 5; i++) {
        frames.push(
          await fm.storeFrameImage(await gradientPng(40 + i, 30), {
            annotationId: `a${i}`,
            timestampMs: i,
            now: NOW,
          }),
        );
      }
      const models = [
        await fm.storeModel(Buffer.alloc(1000, 1), { id: 'm1', modelType: 't' }),
        await fm.storeModel(Buffer.alloc(2000, 2), { id: 'm2', modelType: 't' }),
      ];
      const video = await fm.storeVideo(Readable.from([isoBmff('isom', 5000)]), {
        id: 'orphan-video',
        now: NOW,
      });
      await store.put('output/202612/render.mp4', Buffer.alloc(300));
      await store.put('cache/thumb', Buffer.alloc(200));
      await store.put('annotations/notes.txt', Buffer.alloc(100));
      const oldTemp = await store.put('temp/old', Buffer.alloc(700));
      await sleep(gapMs);
      const youngTemp = await store.put('temp/young', Buffer.alloc(900));
      return { frames, models, video, oldTemp, youngTemp };
    }

    for (const form of ['Set', 'AsyncIterable<FileReference>'] as const) {
      it(`removes unreferenced outputs, frames and models and old temp files, exactly (references as ${form})`, async () => {
        const fm = ctx.manager();
        const s = await populate(fm, 1100);
        const keep = [s.frames[1]!.key, s.frames[3]!.key, s.models[0]!.key, s.video.key];
        const before = await allKeys(ctx.harness.store);
        // young temp is exactly tempMaxAge old (as listed), the old one over 1 s more: only the old one goes.
        const listed = (await ctx.harness.store.list({ prefix: 'temp/young' })).items[0]!;
        const now = new Date(Date.parse(listed.lastModified) + 24 * HOUR);
        const result = await fm.cleanup({ references: form === 'Set' ? new Set(keep) : refs(keep), now });
        const removedFrames = [s.frames[0]!, s.frames[2]!, s.frames[4]!];
        expect(result).toEqual({
          videosRemoved: 0,
          outputsRemoved: 1,
          framesRemoved: 3,
          modelsRemoved: 1,
          tempRemoved: 1,
          blobsRemoved: 0,
          incompleteRemoved: 0,
          bytesFreed: removedFrames.reduce((n, f) => n + f.size, 0) + 2000 + 700 + 300,
        });
        const after = await allKeys(ctx.harness.store);
        const gone = [
          ...removedFrames.map((f) => f.key),
          s.models[1]!.key,
          'temp/old',
          'output/202612/render.mp4',
        ];
        expect(after).toEqual(before.filter((k) => !gone.includes(k)));
        for (const kept of [...keep, s.video.key, 'temp/young', 'cache/thumb', 'annotations/notes.txt']) {
          expect(after).toContain(kept);
        }
      });
    }

    it('keeps fresh unreferenced files within the grace period, and referenced temp files', async () => {
      const fm = ctx.manager();
      await populate(fm);
      const none = await fm.cleanup({ references: new Set(['temp/old']) });
      expect(none).toEqual({
        videosRemoved: 0,
        outputsRemoved: 0,
        framesRemoved: 0,
        modelsRemoved: 0,
        tempRemoved: 0,
        blobsRemoved: 0,
        incompleteRemoved: 0,
        bytesFreed: 0,
      });
      const later = await fm.cleanup({
        references: new Set(['temp/old']),
        now: new Date(Date.now() + 48 * HOUR),
      });
      expect(later).toMatchObject({
        videosRemoved: 1,
        outputsRemoved: 1,
        framesRemoved: 5,
        modelsRemoved: 2,
        tempRemoved: 1,
      });
      expect(await ctx.harness.store.exists('temp/old')).toBe(true);
    });

    it('lists page by page (a backend returning 2 entries per page still gets everything cleaned)', async () => {
      const paged = new SmallPagesStore(ctx.harness.store, 2);
      const fm = ctx.manager({}, paged);
      await populate(fm);
      paged.listCalls = 0;
      const result = await fm.cleanup({
        references: new Set<string>(),
        now: new Date(Date.now() + 48 * HOUR),
      });
      expect(result).toMatchObject({
        videosRemoved: 1,
        outputsRemoved: 1,
        framesRemoved: 5,
        modelsRemoved: 2,
        tempRemoved: 2,
      });
      expect(paged.listCalls).toBeGreaterThanOrEqual(1 + 1 + 3 + 1 + 2);
      expect(
        (await allKeys(ctx.harness.store)).filter((k) =>
          /^(videos|output|annotations\/frames|models|temp)\//.test(k),
        ),
      ).toEqual([]);
    });

    it('with dedup: removes pointers, then blobs no pointer names; shared and video blobs stay', async () => {
      const fm = ctx.manager({ files: { dedup: true } });
      const shared = await gradientPng(50, 50);
      const lonely = await gradientPng(60, 50);
      const a = await fm.storeFrameImage(shared, { annotationId: 'a', timestampMs: 0, now: NOW });
      const b = await fm.storeFrameImage(shared, { annotationId: 'b', timestampMs: 0, now: NOW });
      const c = await fm.storeFrameImage(lonely, { annotationId: 'c', timestampMs: 0, now: NOW });
      const video = await fm.storeVideo(Readable.from([isoBmff('isom', 3000)]), { id: 'v', now: NOW });
      const pointerSize = async (k: string) => (await ctx.harness.store.head(k))!.size;
      const expectedBytes = (await pointerSize(a.key)) + (await pointerSize(c.key)) + c.size;
      const later = new Date(Date.now() + 2 * HOUR);
      const result = await fm.cleanup({ references: new Set([b.key, video.key]), now: later });
      expect(result).toEqual({
        videosRemoved: 0,
        outputsRemoved: 0,
        framesRemoved: 2,
        modelsRemoved: 0,
        tempRemoved: 0,
        blobsRemoved: 1,
        incompleteRemoved: 0,
        bytesFreed: expectedBytes,
      });
      const keys = await allKeys(ctx.harness.store);
      expect(keys.filter((k) => blobShaOf(k) !== null).length).toBe(2); // shared frame + video
      expect((await fm.head(b.key))?.sha256).toBe(a.sha256);
      expect((await fm.head(video.key))?.size).toBe(video.size);
    });

    it('with dedup: a blob reused while cleanup scans for pointers is kept (no dangling pointer)', async () => {
      const writer = ctx.manager({ files: { dedup: true } });
      const bytes = patternBytes(4000, 7);
      const first = await writer.storeModel(bytes, { id: 'first', modelType: 't' });
      await writer.delete(first.key); // the blob is now old (see `now`), unreferenced and named by no pointer
      let reused: Awaited<ReturnType<typeof writer.storeModel>> | undefined;
      // The writer finds the blob and writes its pointer after cleanup listed every key for pointers.
      const racing = new RacingListStore(ctx.harness.store, '', async () => {
        reused = await writer.storeModel(bytes, { id: 'second', modelType: 't' });
      });
      const later = new Date(Date.now() + 2 * HOUR);
      const result = await ctx.manager({}, racing).cleanup({ references: new Set<string>(), now: later });
      expect(reused?.deduplicated).toBe(true);
      expect(result.blobsRemoved).toBe(0);
      expect((await readKey(writer, reused!.key)).equals(bytes)).toBe(true);
      // Once the pointer is gone for good, the blob and its touch marker go.
      await writer.delete(reused!.key);
      expect(await writer.cleanup({ references: new Set<string>(), now: later })).toMatchObject({
        blobsRemoved: 1,
        bytesFreed: 4000,
      });
      expect(await allKeys(ctx.harness.store)).toEqual([]);
    });

    it('refuses NaN, negative or infinite ages, a bad date and missing references with VALIDATION, removing nothing', async () => {
      const fm = ctx.manager({ files: { dedup: true } });
      await populate(fm);
      await fm.storeModel(Buffer.from('lonely'), { id: 'lonely', modelType: 't' });
      await fm.delete('models/t/1.0/lonely.bin');
      const before = await allKeys(ctx.harness.store);
      expect(before.some((k) => blobShaOf(k) !== null)).toBe(true);
      const references = new Set<string>();
      const bad: unknown[] = [
        { references, graceMs: Number.NaN },
        { references, graceMs: -1 },
        { references, graceMs: Number.POSITIVE_INFINITY },
        { references, tempMaxAgeMs: Number.NaN },
        { references, tempMaxAgeMs: -1 },
        { references, tempMaxAgeMs: '0' },
        { references, now: new Date(Number.NaN) },
        { references, secure: 'yes' },
        {},
        { references: 'videos/' },
      ];
      for (const options of bad) {
        await rejectsWithCode(fm.cleanup(options as CleanupOptions), 'VALIDATION');
      }
      expect(await allKeys(ctx.harness.store)).toEqual(before);
      // Zero is a valid age: everything unreferenced goes at once.
      expect(await fm.cleanup({ references, graceMs: 0, tempMaxAgeMs: 0 })).toMatchObject({
        videosRemoved: 1,
        outputsRemoved: 1,
        framesRemoved: 5,
        modelsRemoved: 2,
        tempRemoved: 2,
      });
    });
  });
}
