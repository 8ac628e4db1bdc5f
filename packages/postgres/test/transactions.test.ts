import { isStorageError } from '@vpe-storage/core';
import { detectionMapper } from '@vpe-storage/sql';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PostgresStorage, pgBulkInsert } from '../src/index.js';
import { freshStorage, video } from './helpers/fresh-storage.js';
import { createTestDatabase, serverAvailable } from './helpers/server.js';

const available = await serverAvailable();

describe.skipIf(!available)('transactions on a pool', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase('vpe_tx');
  });
  afterAll(async () => {
    await db?.drop();
  });

  test('a root call inside fn joins the transaction (a pool of one does not deadlock)', async () => {
    const f = await freshStorage(db.url, { maxConnections: 1, timeoutMs: 3000 });
    try {
      await f.storage.transaction(async (tx) => {
        await tx.videos.create(video('inner'));
        // Root repository, same async context: sees the uncommitted row through the same client.
        expect((await f.storage.videos.get('inner'))?.id).toBe('inner');
      });
      expect((await f.storage.videos.get('inner'))?.id).toBe('inner');
    } finally {
      await f.dispose();
    }
  });

  test('write transactions of two instances are serialized: concurrent metadata merges lose nothing', async () => {
    const f = await freshStorage(db.url);
    const second = new PostgresStorage({ url: db.url, schema: f.schema });
    await second.initialize();
    try {
      await f.storage.videos.create(video('v'));
      await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          (i % 2 === 0 ? f.storage : second).videos.updateMetadata('v', { [`k${i}`]: i }),
        ),
      );
      const merged = (await f.storage.videos.get('v'))?.metadata ?? {};
      expect(Object.keys(merged).length).toBe(30);
    } finally {
      await second.close();
      await f.dispose();
    }
  });

  test('a pool with every client busy for longer than timeoutMs is TIMEOUT', async () => {
    const f = await freshStorage(db.url, { maxConnections: 1, timeoutMs: 300 });
    try {
      let release: () => void = () => undefined;
      const held = f.storage.transaction(() => new Promise<void>((r) => (release = r)));
      await new Promise((r) => setTimeout(r, 50));
      const other = new Promise((r) => setTimeout(r, 0)).then(() => f.storage.videos.get('x'));
      const err = await other.catch((e: unknown) => e);
      expect(isStorageError(err, 'TIMEOUT'), String(err)).toBe(true);
      release();
      await held;
      expect(await f.storage.videos.get('x')).toBeNull();
    } finally {
      await f.dispose();
    }
  });

  test('a table changed by another session under a prepared SELECT * is re-run on a fresh connection', async () => {
    const f = await freshStorage(db.url, { maxConnections: 1 });
    try {
      await f.storage.videos.create(video('v'));
      expect((await f.storage.videos.get('v'))?.id).toBe('v');
      await f.raw.query('ALTER TABLE videos ADD COLUMN added_later INTEGER');
      expect((await f.storage.videos.get('v'))?.id).toBe('v');
      // A constraint error keeps the connection (no reconnect churn): the backend pid stays the same.
      const pid = async () =>
        (
          await f.raw.query(
            "SELECT pid FROM pg_stat_activity WHERE application_name = 'vpe-storage' AND datname = current_database()",
          )
        ).rows.map((r) => r.pid);
      const before = await pid();
      expect(before.length).toBe(1);
      const dup = await f.storage.videos.create(video('v')).catch((e: unknown) => e);
      expect(isStorageError(dup, 'ALREADY_EXISTS'), String(dup)).toBe(true);
      expect(await pid()).toEqual(before);
    } finally {
      await f.dispose();
    }
  });

  test('bulk insert through an executor that is not ours falls back to multi-row INSERTs', async () => {
    const f = await freshStorage(db.url);
    try {
      await f.storage.videos.create(video('v'));
      const rows = Array.from({ length: 5000 }, (_, i) => [
        `m${i}`,
        'v',
        i / 3,
        i,
        'ocr\ttab',
        1,
        2,
        3,
        4,
        0.5,
        i % 2 === 0,
        null,
        null,
        '{"a":"\\\\"}',
        '2026-01-01T00:00:00.000Z',
      ]);
      await f.raw.query('BEGIN');
      const foreign = {
        inTransaction: true,
        all: async () => [],
        get: async () => undefined,
        run: async (sql: string, params?: readonly unknown[]) => ({
          changes: (await f.raw.query(sql, params as unknown[])).rowCount ?? 0,
        }),
        runMany: async () => 0,
        exec: async () => undefined,
        transaction: async <T>(fn: (tx: never) => Promise<T>) => fn(foreign as never),
      };
      await pgBulkInsert(foreign, 'detections', detectionMapper.columns, rows);
      await f.raw.query('COMMIT');
      const got = await f.storage.detections.get('m4999');
      expect(got).toMatchObject({
        detectorType: 'ocr\ttab',
        timestamp: 4999 / 3,
        needsReview: false,
        metadata: { a: '\\' },
      });
      expect(await f.storage.detections.countForVideo('v')).toBe(5000);
    } finally {
      await f.dispose();
    }
  });
});
