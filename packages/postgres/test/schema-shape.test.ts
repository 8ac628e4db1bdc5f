import { TABLES } from '@vpe-storage/core';
import { SCHEMA_SHAPE, type SchemaShape } from '@vpe-storage/sql';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { freshStorage } from './helpers/fresh-storage.js';
import { createTestDatabase, serverAvailable } from './helpers/server.js';

const available = await serverAvailable();

const RULES: Record<string, string> = {
  a: 'NO ACTION',
  r: 'RESTRICT',
  c: 'CASCADE',
  n: 'SET NULL',
  d: 'SET DEFAULT',
};

/** The shape of the domain tables of the raw client's schema, read from pg_constraint and pg_indexes. */
async function readShape(raw: pg.Client): Promise<SchemaShape> {
  const tables = [...TABLES];
  const checks = await raw.query<{ s: string }>(
    `SELECT c.conrelid::regclass::text || '.' || c.conname AS s FROM pg_constraint c
      WHERE c.contype = 'c' AND c.connamespace = current_schema()::regnamespace
        AND c.conrelid::regclass::text = ANY($1)`,
    [tables],
  );
  const fks = await raw.query<{ t: string; cols: string; parent: string; rule: string }>(
    `SELECT c.conrelid::regclass::text AS t, c.confrelid::regclass::text AS parent, c.confdeltype AS rule,
            (SELECT string_agg(a.attname, ', ' ORDER BY k.n) FROM unnest(c.conkey) WITH ORDINALITY k(att, n)
               JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.att) AS cols
       FROM pg_constraint c
      WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace`,
  );
  const indexes = await raw.query<{ indexname: string }>(
    `SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ANY($1)
        AND indexname NOT IN (SELECT conname FROM pg_constraint
                               WHERE contype IN ('p', 'u') AND connamespace = current_schema()::regnamespace)`,
    [tables],
  );
  return {
    checks: checks.rows.map((r) => r.s).sort(),
    foreignKeys: fks.rows.map((r) => `${r.t}(${r.cols}) -> ${r.parent} ON DELETE ${RULES[r.rule]}`).sort(),
    indexes: indexes.rows.map((r) => r.indexname).sort(),
  };
}

describe.skipIf(!available)('schema shape', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase('vpe_shape');
  });
  afterAll(async () => {
    await db?.drop();
  });

  test('the migrated PostgreSQL schema has the shared SCHEMA_SHAPE (checks, foreign keys, indexes)', async () => {
    const f = await freshStorage(db.url);
    try {
      expect(await readShape(f.raw)).toEqual(SCHEMA_SHAPE);
    } finally {
      await f.dispose();
    }
  });
});
