import assert from 'node:assert/strict';
import { collect } from '../../pagination/iterate.js';
import { rejectsWithCode } from '../assert.js';
import type { StorageCase } from '../types.js';
import { nsId, seedVideo } from './builders.js';

/** Cases of opening, closing and describing a store. */
export const lifecycleCases: StorageCase[] = [
  {
    name: 'lifecycle: kind and capabilities describe the backend',
    async run(ctx) {
      assert.equal(typeof ctx.storage.kind, 'string');
      assert.ok(ctx.storage.kind.length > 0);
      assert.equal(typeof ctx.storage.capabilities.multiProcess, 'boolean');
      assert.equal(typeof ctx.storage.capabilities.persistent, 'boolean');
    },
  },
  {
    name: 'lifecycle: every call after close is CLOSED',
    async run(ctx) {
      await seedVideo(ctx);
      await ctx.storage.close();
      await rejectsWithCode(ctx.storage.videos.get(nsId(ctx, 'v')), 'CLOSED', 'videos.get');
      await rejectsWithCode(
        ctx.storage.videos.create({
          filename: 'x',
          fileKey: 'x',
          duration: 1,
          frameRate: 1,
          width: 1,
          height: 1,
          fileSize: 0,
        }),
        'CLOSED',
        'videos.create',
      );
      await rejectsWithCode(ctx.storage.detections.insertMany([]), 'CLOSED', 'detections.insertMany');
      await rejectsWithCode(ctx.storage.jobs.claimNext('w'), 'CLOSED', 'jobs.claimNext');
      await rejectsWithCode(ctx.storage.stats(), 'CLOSED', 'stats');
      await rejectsWithCode(
        ctx.storage.transaction(async () => 1),
        'CLOSED',
        'transaction',
      );
      await rejectsWithCode(collect(ctx.storage.exportRecords()), 'CLOSED', 'exportRecords');
      await rejectsWithCode(collect(ctx.storage.fileReferences()), 'CLOSED', 'fileReferences');
    },
  },
  {
    name: 'lifecycle: close is idempotent',
    async run(ctx) {
      await ctx.storage.close();
      await ctx.storage.close();
      await rejectsWithCode(ctx.storage.schemaVersion(), 'CLOSED');
    },
  },
  {
    name: 'lifecycle: records written before a reopen are still there',
    requires: ['persistent'],
    async run(ctx) {
      const v = await seedVideo(ctx);
      const reopen = ctx.fixture.reopen;
      assert.ok(reopen, 'the fixture of a persistent backend provides reopen()');
      const second = await reopen();
      try {
        assert.deepEqual(await second.videos.get(v.id), v);
      } finally {
        await second.close();
      }
    },
  },
];
