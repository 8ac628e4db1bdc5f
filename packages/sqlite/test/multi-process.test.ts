import { join, resolve } from 'node:path';
import { type ChildRun, spawnTsChild } from '@vpe-storage/core/conformance';
import Database from 'better-sqlite3';
import { expect, test } from 'vitest';
import { SqliteStorage } from '../src/index.js';
import { tempDir } from './helpers/temp-db.js';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const WRITER = join(import.meta.dirname, 'fixtures', 'writer.ts');
const PROCESSES = 4;
const WRITES = 5000;

interface WriterResult {
  ok: boolean;
  scenes?: number;
  versions?: number[];
  code?: string;
  message?: string;
}

/** Runs one writer process on `file`; resolves with its JSON line and exit code. */
function runWriter(file: string, worker: string): Promise<ChildRun<WriterResult>> {
  return spawnTsChild<WriterResult>(WRITER, [file, worker, String(WRITES)], { cwd: ROOT });
}

test(`${PROCESSES} processes × ${WRITES} writes on one fresh file: one migration, no BUSY, every row there`, {
  timeout: 240_000,
}, async () => {
  const { dir, cleanup } = tempDir();
  try {
    const file = join(dir, 'shared.db');
    // Every process starts on a file that does not exist yet: they race to create and migrate it.
    const runs = await Promise.all(Array.from({ length: PROCESSES }, (_, i) => runWriter(file, `w${i}`)));
    for (const run of runs) {
      expect(run.result, run.stderr).toMatchObject({ ok: true });
      expect(run.status).toBe(0);
    }
    const perProcessScenes = WRITES - WRITES / 10;
    expect(runs.map((r) => r.result?.scenes)).toEqual(Array(PROCESSES).fill(perProcessScenes));
    // Timeline versions were numbered under BEGIN IMMEDIATE across processes: no gaps, no duplicates.
    const versions = runs.flatMap((r) => r.result?.versions ?? []).sort((a, b) => a - b);
    const expected = (PROCESSES * WRITES) / 10;
    expect(versions).toEqual(Array.from({ length: expected }, (_, i) => i + 1));

    const raw = new Database(file, { readonly: true });
    expect(raw.prepare('SELECT count(*) AS n FROM scenes').get()).toEqual({
      n: PROCESSES * perProcessScenes,
    });
    expect(raw.prepare('SELECT count(*) AS n FROM timelines').get()).toEqual({ n: expected });
    expect(raw.prepare('SELECT count(*) AS n FROM videos').get()).toEqual({ n: 1 });
    expect(raw.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: 1 });
    // Only the newest version is a draft: each save archived the draft before it.
    expect(raw.prepare("SELECT count(*) AS n FROM timelines WHERE status = 'draft'").get()).toEqual({ n: 1 });
    raw.close();

    const storage = new SqliteStorage({ path: file });
    await storage.initialize();
    expect(await storage.checkIntegrity()).toEqual([]);
    await storage.close();
  } finally {
    cleanup();
  }
});
