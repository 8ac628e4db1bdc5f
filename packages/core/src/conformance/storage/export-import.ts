import assert from 'node:assert/strict';
import type { ExportRecord } from '../../contracts/base-storage.js';
import { collect } from '../../pagination/iterate.js';
import { RECORD_SCHEMAS, TABLES } from '../../schemas/records.js';
import { rejectsWithCode } from '../assert.js';
import type { StorageCase, StorageCaseContext } from '../types.js';
import { nsId, seedVideo } from './builders.js';
import { assertRows, canonical, rejectsUnchanged } from './checks.js';
import { SEEDED_ROWS, seedEverything } from './maintenance.js';

/** A valid exported video record. */
function videoRecord(ns: string, suffix: string): Record<string, unknown> {
  return {
    id: `${ns}-${suffix}`,
    filename: `${suffix}.mp4`,
    fileKey: `videos/${ns}/${suffix}.mp4`,
    duration: 10,
    frameRate: 25,
    width: 640,
    height: 360,
    fileSize: 1000,
    codec: null,
    checksum: null,
    metadata: {},
    createdAt: '2026-01-02T03:04:05.006Z',
    updatedAt: '2026-01-02T03:04:05.006Z',
  };
}

/** A valid exported scene record of `videoId`. */
function sceneRecord(ns: string, suffix: string, videoId: string): Record<string, unknown> {
  return {
    id: `${ns}-${suffix}`,
    videoId,
    startTime: 1,
    endTime: 2,
    sceneType: 'custom',
    description: null,
    priority: 'high',
    metadata: {},
    createdAt: '2026-01-02T03:04:05.007Z',
  };
}

/** Deletes everything the contract can delete (all but audit entries). */
async function deleteAll(ctx: StorageCaseContext): Promise<void> {
  for (const v of (await ctx.storage.videos.list({ limit: 10_000 })).items)
    await ctx.storage.videos.delete(v.id);
  for (const m of (await ctx.storage.models.find({}, { limit: 10_000 })).items)
    await ctx.storage.models.delete(m.id);
}

/** Cases of `exportRecords` and `importRecords`. */
export const exportImportCases: StorageCase[] = [
  {
    name: 'export-import: export yields every record, tables in dependency order, each valid',
    async run(ctx) {
      await seedEverything(ctx);
      const records = await collect(ctx.storage.exportRecords());
      const order = records.map((r) => TABLES.indexOf(r.table));
      assert.deepEqual(
        order,
        [...order].sort((a, b) => a - b),
        'tables come in RECORD_SCHEMAS order',
      );
      const counts = Object.fromEntries(TABLES.map((t) => [t, records.filter((r) => r.table === t).length]));
      assert.deepEqual(counts, SEEDED_ROWS);
      for (const r of records) {
        const parsed = RECORD_SCHEMAS[r.table].safeParse(r.record);
        assert.ok(parsed.success, `${r.table} record ${String(r.record.id)} matches its schema`);
      }
      const timelines = records
        .filter((r) => r.table === 'timelines')
        .map((r) => [r.record.version, r.record.status]);
      assert.deepEqual(timelines.sort(), [
        [1, 'archived'],
        [2, 'approved'],
      ]);
    },
  },
  {
    name: 'export-import: export, empty the store, import: every record comes back exactly',
    async run(ctx) {
      await seedEverything(ctx, { audit: false });
      const exported = await collect(ctx.storage.exportRecords());
      await deleteAll(ctx);
      for (const t of TABLES) await assertRows(ctx, t, 0, 'emptied through the contract');
      const result = await ctx.storage.importRecords(exported);
      assert.deepEqual(result.rows, { ...SEEDED_ROWS, audit_log: 0 });
      assert.deepEqual(canonical(await collect(ctx.storage.exportRecords())), canonical(exported));
      assert.deepEqual((await ctx.storage.stats()).rows, { ...SEEDED_ROWS, audit_log: 0 });
      assert.equal((await ctx.storage.timelines.load(nsId(ctx, 't'), 1))?.status, 'archived');
      assert.equal((await ctx.storage.jobs.listByStatus('completed')).items.length, 1);
      assert.deepEqual(await ctx.storage.checkIntegrity(), []);
    },
  },
  {
    name: 'export-import: import into a store holding only audit entries is CONFLICT',
    async run(ctx) {
      await seedEverything(ctx);
      const exported = (await collect(ctx.storage.exportRecords())).filter((r) => r.table !== 'audit_log');
      await deleteAll(ctx);
      await assertRows(ctx, 'audit_log', 1);
      await rejectsUnchanged(ctx, () => ctx.storage.importRecords(exported), 'CONFLICT');
      await assertRows(ctx, 'videos', 0);
    },
  },
  {
    name: 'export-import: import into an empty store restores records, versions and states exactly',
    async run(ctx) {
      const video = videoRecord(ctx.ns, 'v');
      const records: ExportRecord[] = [
        { table: 'videos', record: video },
        { table: 'scenes', record: sceneRecord(ctx.ns, 's', video.id as string) },
        {
          table: 'timelines',
          record: {
            id: nsId(ctx, 't'),
            version: 1,
            videoId: video.id,
            name: null,
            data: { videoDuration: 10, frameRate: 25, blurRegions: [], metadata: {} },
            createdBy: null,
            metadata: {},
            status: 'archived',
            createdAt: '2026-01-02T03:04:05.008Z',
            updatedAt: '2026-01-02T03:04:05.009Z',
          },
        },
        {
          table: 'timelines',
          record: {
            id: nsId(ctx, 't'),
            version: 2,
            videoId: video.id,
            name: 'v2',
            data: { videoDuration: 10, frameRate: 25, blurRegions: [], metadata: {} },
            createdBy: 'eve',
            metadata: {},
            status: 'processed',
            createdAt: '2026-01-02T03:04:05.010Z',
            updatedAt: '2026-01-02T03:04:05.011Z',
          },
        },
        {
          table: 'processing_jobs',
          record: {
            id: nsId(ctx, 'j'),
            videoId: video.id,
            timelineId: nsId(ctx, 't'),
            timelineVersion: 1,
            status: 'failed',
            progress: 37.5,
            outputKey: null,
            errorMessage: 'out of memory',
            config: { crf: 20 },
            workerId: 'w9',
            startedAt: '2026-01-02T03:04:06.000Z',
            completedAt: '2026-01-02T03:04:07.000Z',
            createdAt: '2026-01-02T03:04:05.012Z',
          },
        },
        {
          table: 'audit_log',
          record: {
            id: nsId(ctx, 'e'),
            actor: 'eve',
            action: 'import',
            entityType: 'video',
            entityId: video.id,
            details: { from: 'backup' },
            at: '2026-01-02T03:04:08.000Z',
          },
        },
      ];
      const result = await ctx.storage.importRecords(records);
      assert.deepEqual(result.rows, {
        ...Object.fromEntries(TABLES.map((t) => [t, 0])),
        videos: 1,
        scenes: 1,
        timelines: 2,
        processing_jobs: 1,
        audit_log: 1,
      });
      assert.deepEqual(
        canonical(await collect(ctx.storage.exportRecords())),
        canonical(records),
        'export gives back exactly what was imported',
      );
      assert.deepEqual(await ctx.storage.videos.get(video.id as string), video);
      assert.equal((await ctx.storage.timelines.load(nsId(ctx, 't')))?.status, 'processed');
      assert.equal((await ctx.storage.timelines.load(nsId(ctx, 't'), 1))?.status, 'archived');
      assert.equal((await ctx.storage.jobs.get(nsId(ctx, 'j')))?.errorMessage, 'out of memory');
      const next = await ctx.storage.timelines.save({
        id: nsId(ctx, 't'),
        videoId: video.id as string,
        data: { videoDuration: 10, frameRate: 25, blurRegions: [] },
      });
      assert.equal(next.version, 3, 'imported versions count for the next save');
      assert.deepEqual(await ctx.storage.checkIntegrity(), []);
    },
  },
  {
    name: 'export-import: import into a store that holds records is CONFLICT',
    async run(ctx) {
      await seedVideo(ctx, 'existing');
      await rejectsUnchanged(
        ctx,
        () => ctx.storage.importRecords([{ table: 'videos', record: videoRecord(ctx.ns, 'new') }]),
        'CONFLICT',
      );
    },
  },
  {
    name: 'export-import: an invalid record rejects the whole import with VALIDATION',
    async run(ctx) {
      const video = videoRecord(ctx.ns, 'v');
      const bad = { ...sceneRecord(ctx.ns, 's', video.id as string), endTime: 0.5 };
      await rejectsUnchanged(
        ctx,
        () =>
          ctx.storage.importRecords([
            { table: 'videos', record: video },
            { table: 'scenes', record: bad },
          ]),
        'VALIDATION',
      );
      await assertRows(ctx, 'videos', 0);
      await rejectsUnchanged(
        ctx,
        () => ctx.storage.importRecords([{ table: 'videos', record: { ...video, createdAt: 'yesterday' } }]),
        'VALIDATION',
      );
      await rejectsUnchanged(
        ctx,
        () => ctx.storage.importRecords([{ table: 'no_such_table' as never, record: video }]),
        'VALIDATION',
      );
    },
  },
  {
    name: 'export-import: a record whose parent is missing rejects the whole import with CONSTRAINT',
    async run(ctx) {
      const video = videoRecord(ctx.ns, 'v');
      await rejectsUnchanged(
        ctx,
        () =>
          ctx.storage.importRecords([
            { table: 'videos', record: video },
            { table: 'scenes', record: sceneRecord(ctx.ns, 's', nsId(ctx, 'ghost')) },
          ]),
        'CONSTRAINT',
      );
      await assertRows(ctx, 'videos', 0);
    },
  },
  {
    name: 'export-import: import accepts an async iterable and rejects duplicate ids',
    async run(ctx) {
      async function* source() {
        yield { table: 'videos', record: videoRecord(ctx.ns, 'a') } as ExportRecord;
        yield { table: 'videos', record: videoRecord(ctx.ns, 'b') } as ExportRecord;
      }
      await rejectsWithCode(
        ctx.storage.importRecords([
          { table: 'videos', record: videoRecord(ctx.ns, 'a') },
          { table: 'videos', record: { ...videoRecord(ctx.ns, 'a'), fileKey: `videos/${ctx.ns}/other.mp4` } },
        ]),
        'ALREADY_EXISTS',
      );
      await assertRows(ctx, 'videos', 0);
      const result = await ctx.storage.importRecords(source());
      assert.equal(result.rows.videos, 2);
      assert.ok(await ctx.storage.videos.get(nsId(ctx, 'b')));
    },
  },
];
