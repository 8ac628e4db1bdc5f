import assert from 'node:assert/strict';
import { collect } from '../../pagination/iterate.js';
import { TABLES } from '../../schemas/records.js';
import type { StorageCase, StorageCaseContext } from '../types.js';
import {
  annotationInput,
  detectionInput,
  modelInput,
  nsId,
  sceneInput,
  seedVideo,
  timelineInput,
} from './builders.js';
import { canonical, rowSnapshot } from './checks.js';

/** One or more rows in every table (audit optional); returns the keys its records name, sorted. */
export async function seedEverything(ctx: StorageCaseContext, { audit = true } = {}): Promise<string[]> {
  const v = await seedVideo(ctx, 'v');
  const w = await seedVideo(ctx, 'w');
  await ctx.storage.scenes.create(sceneInput(ctx, v.id, 's'));
  await ctx.storage.annotations.save(
    annotationInput(ctx, v.id, 'a1', 1, { sceneId: nsId(ctx, 's'), imageKey: `frames/${ctx.ns}/a1.png` }),
  );
  await ctx.storage.annotations.save(annotationInput(ctx, w.id, 'a2', 2));
  await ctx.storage.detections.insertMany([
    detectionInput(ctx, v.id, 'd1', 1),
    detectionInput(ctx, w.id, 'd2', 2, { needsReview: true }),
  ]);
  await ctx.storage.timelines.save(timelineInput(ctx, v.id, 't'));
  await ctx.storage.timelines.save(timelineInput(ctx, v.id, 't'));
  await ctx.storage.timelines.approve(nsId(ctx, 't'), 'lead');
  await ctx.storage.jobs.create({ id: nsId(ctx, 'j1'), videoId: v.id, timelineId: nsId(ctx, 't') });
  await ctx.storage.jobs.create({
    id: nsId(ctx, 'j2'),
    videoId: v.id,
    timelineId: nsId(ctx, 't'),
    timelineVersion: 1,
  });
  const claimed = await ctx.storage.jobs.claimNext('w1');
  assert.ok(claimed, 'setup: a job to claim');
  await ctx.storage.jobs.complete(claimed.id, { outputKey: `out/${ctx.ns}/${claimed.id}.mp4` });
  await ctx.storage.models.register(modelInput(ctx, 'm'));
  if (audit)
    await ctx.storage.audit.append({
      actor: 'lead',
      action: 'approve',
      entityType: 'timeline',
      entityId: nsId(ctx, 't'),
    });
  return [
    v.fileKey,
    w.fileKey,
    `frames/${ctx.ns}/a1.png`,
    `models/${ctx.ns}/m.onnx`,
    `out/${ctx.ns}/${claimed.id}.mp4`,
  ].sort();
}

/** The row counts `seedEverything` leaves. */
export const SEEDED_ROWS = {
  videos: 2,
  scenes: 1,
  annotations: 2,
  detections: 2,
  timelines: 2,
  processing_jobs: 2,
  models: 1,
  audit_log: 1,
};

/** Cases of stats, integrity checks, file references, vacuum and migrations. */
export const maintenanceCases: StorageCase[] = [
  {
    name: 'maintenance: stats counts the rows of every table',
    async run(ctx) {
      const empty = await ctx.storage.stats();
      assert.deepEqual(Object.keys(empty.rows).sort(), [...TABLES].sort(), 'every table is reported');
      assert.ok(
        Object.values(empty.rows).every((n) => n === 0),
        'a fresh store is empty',
      );
      await seedEverything(ctx);
      const stats = await ctx.storage.stats();
      assert.deepEqual(stats.rows, SEEDED_ROWS);
      assert.equal(stats.backend, ctx.storage.kind);
      assert.equal(stats.schemaVersion, await ctx.storage.schemaVersion());
      assert.ok(stats.sizeBytes === null || (Number.isInteger(stats.sizeBytes) && stats.sizeBytes >= 0));
      const snapshot = await rowSnapshot(ctx);
      if (snapshot.raw) assert.deepEqual(snapshot.raw, SEEDED_ROWS, 'what is really persisted');
    },
  },
  {
    name: 'maintenance: checkIntegrity finds nothing wrong in a healthy store',
    async run(ctx) {
      assert.deepEqual(await ctx.storage.checkIntegrity(), [], 'empty store');
      await seedEverything(ctx);
      await ctx.storage.scenes.delete(nsId(ctx, 's'));
      await ctx.storage.videos.delete(nsId(ctx, 'w'));
      assert.deepEqual(await ctx.storage.checkIntegrity(), [], 'after cascades and set-null');
    },
  },
  {
    name: 'maintenance: fileReferences lists exactly the keys records name',
    async run(ctx) {
      assert.deepEqual(await collect(ctx.storage.fileReferences()), [], 'empty store');
      const expected = await seedEverything(ctx);
      const refs = await collect(ctx.storage.fileReferences());
      assert.deepEqual(refs.map((r) => r.key).sort(), expected);
      const byKey = new Map(refs.map((r) => [r.key, r]));
      assert.deepEqual(byKey.get(`frames/${ctx.ns}/a1.png`), {
        key: `frames/${ctx.ns}/a1.png`,
        table: 'annotations',
        id: nsId(ctx, 'a1'),
        column: 'imageKey',
      });
      assert.deepEqual(byKey.get(`models/${ctx.ns}/m.onnx`), {
        key: `models/${ctx.ns}/m.onnx`,
        table: 'models',
        id: nsId(ctx, 'm'),
        column: 'fileKey',
      });
      const video = byKey.get(`videos/${ctx.ns}/v.mp4`);
      assert.deepEqual(video, {
        key: `videos/${ctx.ns}/v.mp4`,
        table: 'videos',
        id: nsId(ctx, 'v'),
        column: 'fileKey',
      });
      const output = refs.find((r) => r.table === 'processing_jobs');
      assert.equal(output?.column, 'outputKey');
    },
  },
  {
    name: 'maintenance: fileReferences forgets the keys of deleted records',
    async run(ctx) {
      await seedEverything(ctx);
      await ctx.storage.videos.delete(nsId(ctx, 'v'));
      await ctx.storage.models.delete(nsId(ctx, 'm'));
      const keys = (await collect(ctx.storage.fileReferences())).map((r) => r.key);
      assert.deepEqual(
        keys,
        [`videos/${ctx.ns}/w.mp4`],
        'only the surviving video; its annotation has no image',
      );
    },
  },
  {
    name: 'maintenance: vacuum keeps every record',
    async run(ctx) {
      await seedEverything(ctx);
      const before = canonical(await collect(ctx.storage.exportRecords()));
      await ctx.storage.vacuum();
      assert.deepEqual(canonical(await collect(ctx.storage.exportRecords())), before);
      assert.deepEqual((await ctx.storage.stats()).rows, SEEDED_ROWS);
    },
  },
  {
    name: 'maintenance: an initialized store has applied every migration; migrate again applies none',
    async run(ctx) {
      const version = await ctx.storage.schemaVersion();
      assert.ok(Number.isInteger(version) && version >= 1, `schemaVersion ${version} >= 1`);
      const migrations = await ctx.storage.migrations();
      assert.ok(migrations.length >= 1);
      for (const m of migrations) {
        assert.ok(m.appliedAt !== null, `migration ${m.version} ${m.name} is applied`);
        assert.ok(m.name.length > 0 && m.checksum.length > 0);
      }
      assert.equal(Math.max(...migrations.map((m) => m.version)), version);
      const again = await ctx.storage.migrate();
      assert.deepEqual(again.applied, []);
      assert.equal(again.from, version);
      assert.equal(again.to, version);
      await ctx.storage.initialize();
      assert.equal(await ctx.storage.schemaVersion(), version, 'initialize twice is harmless');
    },
  },
];
