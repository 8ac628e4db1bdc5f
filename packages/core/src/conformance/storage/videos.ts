import assert from 'node:assert/strict';
import { rejectsWithCode } from '../assert.js';
import type { StorageCase } from '../types.js';
import { nsId, seedVideo, videoInput } from './builders.js';
import { assertRows, assertTimestamp, ids, listAll, rejectsUnchanged, sortedBy } from './checks.js';
import { OLD, videoRecord } from './seeded.js';

/** Cases of `storage.videos`. */
export const videoCases: StorageCase[] = [
  {
    name: 'videos: create fills defaults and get returns the same record',
    async run(ctx) {
      const { id: _omit, ...input } = videoInput(ctx, 'a');
      const video = await ctx.storage.videos.create(input);
      assert.equal(typeof video.id, 'string');
      assert.ok(video.id.length > 0, 'a generated id is not empty');
      assert.equal(video.codec, null);
      assert.equal(video.checksum, null);
      assert.deepEqual(video.metadata, {});
      assertTimestamp(video.createdAt, 'createdAt');
      assert.equal(video.updatedAt, video.createdAt, 'a new video has updatedAt = createdAt');
      assert.deepEqual(await ctx.storage.videos.get(video.id), video);
      await assertRows(ctx, 'videos', 1);
    },
  },
  {
    name: 'videos: every given field round-trips exactly',
    async run(ctx) {
      const input = videoInput(ctx, 'full', {
        codec: 'h264',
        checksum: 'a'.repeat(64),
        duration: 3599.967,
        frameRate: 29.97,
        metadata: { source: 'obs', tags: ['a', 'b'], nested: { ok: true, n: null } },
      });
      const video = await ctx.storage.videos.create(input);
      const { id, ...rest } = input;
      assert.equal(video.id, id);
      for (const [k, v] of Object.entries(rest)) assert.deepEqual(video[k as keyof typeof video], v, k);
      assert.deepEqual(await ctx.storage.videos.get(input.id as string), video);
    },
  },
  {
    name: 'videos: get of a missing id returns null',
    async run(ctx) {
      await seedVideo(ctx, 'present');
      assert.equal(await ctx.storage.videos.get(nsId(ctx, 'absent')), null);
    },
  },
  {
    name: 'videos: a duplicate id is ALREADY_EXISTS and the first record stays',
    async run(ctx) {
      const first = await seedVideo(ctx, 'dup');
      await rejectsUnchanged(
        ctx,
        () =>
          ctx.storage.videos.create(
            videoInput(ctx, 'dup', { fileKey: `videos/${ctx.ns}/other.mp4`, width: 1 }),
          ),
        'ALREADY_EXISTS',
      );
      assert.deepEqual(await ctx.storage.videos.get(first.id), first);
    },
  },
  {
    name: 'videos: a duplicate fileKey is ALREADY_EXISTS',
    async run(ctx) {
      const first = await seedVideo(ctx, 'one');
      await rejectsUnchanged(
        ctx,
        () => ctx.storage.videos.create(videoInput(ctx, 'two', { fileKey: first.fileKey })),
        'ALREADY_EXISTS',
      );
      assert.equal(await ctx.storage.videos.get(nsId(ctx, 'two')), null);
      await assertRows(ctx, 'videos', 1);
    },
  },
  {
    name: 'videos: getByFileKey finds the video, null for an unknown key',
    async run(ctx) {
      await seedVideo(ctx, 'x');
      const y = await seedVideo(ctx, 'y');
      assert.deepEqual(await ctx.storage.videos.getByFileKey(y.fileKey), y);
      assert.equal(await ctx.storage.videos.getByFileKey(`videos/${ctx.ns}/nope.mp4`), null);
    },
  },
  {
    name: 'videos: list is ordered by (createdAt, id)',
    async run(ctx) {
      const created = [];
      for (const s of ['e', 'c', 'a', 'd', 'b']) created.push(await seedVideo(ctx, s));
      const listed = (await ctx.storage.videos.list()).items;
      assert.deepEqual(ids(listed), ids(sortedBy(created, (v) => [v.createdAt, v.id])));
      assert.deepEqual(
        listed,
        sortedBy(created, (v) => [v.createdAt, v.id]),
      );
    },
  },
  {
    name: 'videos: updateMetadata merges shallowly and bumps updatedAt',
    async run(ctx) {
      const seeded = videoRecord(ctx, 'm');
      await ctx.storage.importRecords([
        { ...seeded, record: { ...seeded.record, metadata: { a: 1, nested: { x: 1 } } } },
      ]);
      const id = nsId(ctx, 'm');
      const updated = await ctx.storage.videos.updateMetadata(id, { b: 'two', nested: { y: 2 } });
      assert.deepEqual(updated.metadata, { a: 1, b: 'two', nested: { y: 2 } });
      assert.equal(updated.createdAt, OLD, 'createdAt never changes');
      assert.ok(updated.updatedAt > OLD, `updatedAt moves forward from ${OLD}, got ${updated.updatedAt}`);
      assert.deepEqual(await ctx.storage.videos.get(id), updated);
    },
  },
  {
    name: 'videos: updateMetadata of a missing video is NOT_FOUND',
    async run(ctx) {
      await rejectsUnchanged(
        ctx,
        () => ctx.storage.videos.updateMetadata(nsId(ctx, 'ghost'), { a: 1 }),
        'NOT_FOUND',
      );
    },
  },
  {
    name: 'videos: updateMetadata with a non-object is VALIDATION and changes nothing',
    async run(ctx) {
      const v = await seedVideo(ctx, 'm', { metadata: { keep: true } });
      const bad = ['text', [1, 2], null] as unknown as Record<string, unknown>[];
      for (const metadata of bad) {
        await rejectsWithCode(
          ctx.storage.videos.updateMetadata(v.id, metadata),
          'VALIDATION',
          JSON.stringify(metadata),
        );
      }
      assert.deepEqual(await ctx.storage.videos.get(v.id), v);
    },
  },
  {
    name: 'videos: delete returns true once, then false',
    async run(ctx) {
      const v = await seedVideo(ctx, 'gone');
      const other = await seedVideo(ctx, 'stays');
      assert.equal(await ctx.storage.videos.delete(v.id), true);
      assert.equal(await ctx.storage.videos.get(v.id), null);
      assert.equal(await ctx.storage.videos.delete(v.id), false);
      assert.deepEqual(await ctx.storage.videos.get(other.id), other);
      await assertRows(ctx, 'videos', 1);
    },
  },
  {
    name: 'videos: mutating a returned record never changes the store',
    async run(ctx) {
      const created = await seedVideo(ctx, 'c', { metadata: { list: [1], deep: { k: 'v' } } });
      const snapshot = structuredClone(created);
      created.metadata.list = [9];
      (created as { filename: string }).filename = 'changed.mp4';
      const fetched = await ctx.storage.videos.get(snapshot.id);
      assert.ok(fetched);
      (fetched.metadata.deep as Record<string, unknown>).k = 'mutated';
      const listed = (await ctx.storage.videos.list()).items[0];
      assert.ok(listed);
      listed.width = 1;
      assert.deepEqual(await ctx.storage.videos.get(snapshot.id), snapshot);
    },
  },
  {
    name: 'videos: the caller mutating its input after create never changes the store',
    async run(ctx) {
      const input = videoInput(ctx, 'in', { metadata: { deep: { k: 'v' } } });
      const created = await ctx.storage.videos.create(input);
      (input.metadata as { deep: { k: string } }).deep.k = 'mutated';
      assert.deepEqual(await ctx.storage.videos.get(created.id), created);
      assert.deepEqual(created.metadata, { deep: { k: 'v' } });
    },
  },
  {
    name: 'videos: list of an empty store is an empty last page',
    async run(ctx) {
      assert.deepEqual(await ctx.storage.videos.list(), { items: [], nextCursor: null });
      assert.deepEqual(await listAll((p) => ctx.storage.videos.list(p)), []);
    },
  },
];
