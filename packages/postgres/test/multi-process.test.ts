import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { type ChildRun, fixture, runChild } from './helpers/child.js';
import { createTestDatabase, serverAvailable } from './helpers/server.js';

const PROCESSES = 4;
const SAVES = 10;
const available = await serverAvailable();

interface MigrateResult {
  ok: boolean;
  version?: number;
  applied?: number;
  versions?: number[];
  code?: string;
  message?: string;
}

describe.skipIf(!available)('several processes on one fresh database', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  test(`${PROCESSES} processes starting at once migrate exactly once and number versions without gaps`, {
    timeout: 120_000,
  }, async () => {
    const db = await createTestDatabase('vpe_mig');
    cleanups.push(db.drop);
    // They all wait for the same instant (after tsx has loaded) and then race to migrate.
    const startAt = Date.now() + 4000;
    const runs: ChildRun<MigrateResult>[] = await Promise.all(
      Array.from({ length: PROCESSES }, () =>
        runChild<MigrateResult>(fixture('migrate.ts'), [db.url, String(startAt), String(SAVES)]),
      ),
    );
    for (const run of runs) {
      expect(run.result, run.stderr).toMatchObject({ ok: true, version: 1, applied: 1 });
      expect(run.status).toBe(0);
    }
    // Write transactions are serialized across processes: versions 1..40, each exactly once.
    const versions = runs.flatMap((r) => r.result?.versions ?? []).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: PROCESSES * SAVES }, (_, i) => i + 1));

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const migrations = await client.query('SELECT version, name FROM schema_migrations');
      expect(migrations.rows).toEqual([{ version: 1, name: 'initial schema' }]);
      const drafts = await client.query("SELECT count(*)::int AS n FROM timelines WHERE status = 'draft'");
      expect(drafts.rows[0].n).toBe(1);
    } finally {
      await client.end();
    }
  });
});
