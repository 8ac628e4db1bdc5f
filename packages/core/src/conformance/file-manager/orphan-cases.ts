import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { blobShaOf } from '../../index.js';
import { sleep } from '../assert.js';
import { allKeys, type HarnessFactory, useContext } from './harness.js';
import { isoBmff } from './media.js';
import { IncompleteSpyStore } from './store-views.js';

const HOUR = 3_600_000;
const NOW = new Date('2026-12-04T10:00:00Z');

/** cleanup of ingest orphans: videos and outputs no record names, and the store's own abandoned uploads. */
export function orphanCases(factory: HarnessFactory): void {
  describe('cleanup of orphaned videos, outputs and abandoned uploads', () => {
    const ctx = useContext(factory);

    it('removes videos and outputs no record names once past the grace period; keeps referenced and young ones', async () => {
      const fm = ctx.manager();
      const kept = await fm.storeVideo(Readable.from([isoBmff('isom', 4000)]), { id: 'kept', now: NOW });
      const orphan = await fm.storeVideo(Readable.from([isoBmff('isom', 6000)]), { id: 'orphan', now: NOW });
      await ctx.harness.store.put('output/202612/kept.mp4', Buffer.alloc(100));
      await ctx.harness.store.put('output/202612/orphan.mp4', Buffer.alloc(250));
      await ctx.harness.store.put('timelines/t/v1.json', Buffer.from('{}'));
      const references = new Set([kept.key, 'output/202612/kept.mp4']);

      const young = await fm.cleanup({ references });
      expect(young).toMatchObject({ videosRemoved: 0, outputsRemoved: 0, bytesFreed: 0 });

      const result = await fm.cleanup({ references, now: new Date(Date.now() + 2 * HOUR) });
      expect(result).toMatchObject({ videosRemoved: 1, outputsRemoved: 1, bytesFreed: orphan.size + 250 });
      expect(await allKeys(ctx.harness.store)).toEqual([
        'output/202612/kept.mp4',
        'timelines/t/v1.json',
        kept.key,
      ]);
    });

    it('with dedup: an orphaned video goes with its blob in the same run; a referenced one keeps its bytes', async () => {
      const fm = ctx.manager({ files: { dedup: true } });
      const kept = await fm.storeVideo(Readable.from([isoBmff('isom', 3000, 4)]), { id: 'kept', now: NOW });
      const orphan = await fm.storeVideo(Readable.from([isoBmff('isom', 5000, 5)]), { id: 'gone', now: NOW });
      const result = await fm.cleanup({
        references: new Set([kept.key]),
        now: new Date(Date.now() + 2 * HOUR),
      });
      expect(result).toMatchObject({ videosRemoved: 1, blobsRemoved: 1 });
      const keys = await allKeys(ctx.harness.store);
      expect(keys).not.toContain(orphan.key);
      expect(keys.filter((k) => blobShaOf(k) !== null).map(blobShaOf)).toEqual([kept.sha256]);
      expect((await fm.head(kept.key))?.sha256).toBe(kept.sha256);
    });

    it("calls the store's cleanupIncomplete with the temp age and counts what it removed", async () => {
      const spy = new IncompleteSpyStore(ctx.harness.store, { removed: 2, bytes: 1234 });
      const defaults = await ctx
        .manager({ tempMaxAgeHours: 6 }, spy)
        .cleanup({ references: new Set<string>() });
      expect(defaults).toMatchObject({ incompleteRemoved: 2, bytesFreed: 1234 });
      await ctx.manager({}, spy).cleanup({ references: new Set<string>(), tempMaxAgeMs: 90_000 });
      expect(spy.ages).toEqual([6 * HOUR, 90_000]);
    });

    it("removes the store's own abandoned upload once older than the temp age, never a young one", async (t) => {
      const abandon = ctx.harness.abandonUpload;
      if (!abandon) return t.skip();
      const fm = ctx.manager();
      await fm.storeModel(Buffer.from('model'), { id: 'm', modelType: 't' });
      const stillThere = await abandon();
      const young = await fm.cleanup({ references: new Set<string>() });
      expect(young.incompleteRemoved).toBe(0);
      expect(await stillThere()).toBe(true);
      await sleep(20);
      const old = await fm.cleanup({ references: new Set<string>(), tempMaxAgeMs: 10 });
      expect(old.incompleteRemoved).toBe(1);
      expect(old.bytesFreed).toBeGreaterThan(0);
      expect(await stillThere()).toBe(false);
      expect(await allKeys(ctx.harness.store)).toEqual(['models/t/1.0/m.bin']);
    });
  });
}
