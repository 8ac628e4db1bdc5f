import assert from 'node:assert/strict';
import type { StorageCase } from '../types.js';
import { nsId } from './builders.js';
import { assertRows, assertTimestamp, rejectsUnchanged, sortedBy } from './checks.js';

/** Cases of `storage.audit`. */
export const auditCases: StorageCase[] = [
  {
    name: 'audit: append fills defaults and returns the stored entry',
    async run(ctx) {
      const e = await ctx.storage.audit.append({
        action: 'video.create',
        entityType: 'video',
        entityId: nsId(ctx, 'v'),
      });
      assert.ok(e.id.length > 0);
      assert.equal(e.actor, null);
      assert.deepEqual(e.details, {});
      assertTimestamp(e.at, 'at');
      assert.deepEqual((await ctx.storage.audit.list()).items, [e]);
      await assertRows(ctx, 'audit_log', 1);
    },
  },
  {
    name: 'audit: list is ordered by (at, id), i.e. append order for generated ids',
    async run(ctx) {
      const made = [];
      for (let i = 0; i < 6; i++) {
        made.push(
          await ctx.storage.audit.append({
            actor: `u${i % 2}`,
            action: `step-${i}`,
            entityType: 'job',
            entityId: nsId(ctx, `j${i}`),
            details: { i },
          }),
        );
      }
      const listed = (await ctx.storage.audit.list()).items;
      assert.deepEqual(
        listed,
        sortedBy(made, (e) => [e.at, e.id]),
      );
      assert.deepEqual(
        listed.map((e) => e.action),
        made.map((e) => e.action),
        'append order',
      );
    },
  },
  {
    name: 'audit: list filters by entity type, entity id and actor',
    async run(ctx) {
      const a = ctx.storage.audit;
      await a.append({ actor: 'alice', action: 'create', entityType: 'video', entityId: nsId(ctx, 'v1') });
      await a.append({ actor: 'bob', action: 'approve', entityType: 'timeline', entityId: nsId(ctx, 't1') });
      await a.append({ actor: 'alice', action: 'delete', entityType: 'video', entityId: nsId(ctx, 'v2') });
      assert.deepEqual(
        (await a.list({ entityType: 'video' })).items.map((e) => e.action),
        ['create', 'delete'],
      );
      assert.deepEqual(
        (await a.list({ entityId: nsId(ctx, 't1') })).items.map((e) => e.action),
        ['approve'],
      );
      assert.deepEqual(
        (await a.list({ actor: 'alice', entityType: 'video' })).items.map((e) => e.action),
        ['create', 'delete'],
      );
      assert.deepEqual((await a.list({ actor: 'carol' })).items, []);
    },
  },
  {
    name: 'audit: an entry without an action or entity type is VALIDATION',
    async run(ctx) {
      await rejectsUnchanged(
        ctx,
        () => ctx.storage.audit.append({ action: '', entityType: 'video', entityId: nsId(ctx, 'v') }),
        'VALIDATION',
      );
      await rejectsUnchanged(
        ctx,
        () => ctx.storage.audit.append({ action: 'x', entityType: '', entityId: nsId(ctx, 'v') }),
        'VALIDATION',
      );
      await assertRows(ctx, 'audit_log', 0);
    },
  },
];
