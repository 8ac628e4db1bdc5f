import { isStorageError } from '@vpe-storage/core';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PostgresStorage } from '../src/index.js';
import { createTestDatabase, serverAvailable } from './helpers/server.js';

const available = await serverAvailable();

const video = (id: string) => ({
  id,
  filename: `${id}.mp4`,
  fileKey: `videos/${id}.mp4`,
  duration: 10,
  frameRate: 30,
  width: 64,
  height: 48,
  fileSize: 1,
});

async function until(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.skipIf(!available)('terminated backends (pg_terminate_backend)', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let admin: pg.Client;
  beforeAll(async () => {
    db = await createTestDatabase('vpe_idle');
    admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.end();
    await db?.drop();
  });

  const terminateAll = async () => {
    const { rows } = await admin.query(
      "SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'vpe-storage'",
      [db.name],
    );
    return rows[0].n as number;
  };

  test('idle pooled clients killed: the process survives and the next calls work', async () => {
    const storage = new PostgresStorage({ url: db.url, maxConnections: 4 });
    await storage.initialize();
    try {
      // Fill the pool with several idle clients.
      await Promise.all(Array.from({ length: 4 }, (_, i) => storage.videos.create(video(`idle-${i}`))));
      expect(await terminateAll()).toBeGreaterThan(0);
      await until(() => storage.clientErrors > 0);
      // A read may meet a dead client first: the adapter retries it on a fresh connection.
      expect((await storage.videos.get('idle-0'))?.id).toBe('idle-0');
      await storage.videos.create(video('after'));
      expect((await storage.stats()).rows.videos).toBe(5);
    } finally {
      await storage.close();
    }
  });

  test('a client killed inside a transaction: UNAVAILABLE, rolled back, and the storage goes on', async () => {
    const storage = new PostgresStorage({ url: db.url, maxConnections: 2 });
    await storage.initialize();
    try {
      const before = storage.clientErrors;
      const outcome = await storage
        .transaction(async (tx) => {
          await tx.videos.create(video('in-tx'));
          await terminateAll();
          // The checked-out client is idle in transaction when its connection dies.
          await until(() => storage.clientErrors > before);
          await tx.videos.create(video('in-tx-2'));
        })
        .then(
          () => null,
          (err: unknown) => err,
        );
      expect(isStorageError(outcome, 'UNAVAILABLE'), String(outcome)).toBe(true);
      expect((outcome as { retryable: boolean }).retryable).toBe(true);
      expect(await storage.videos.get('in-tx')).toBeNull();
      await storage.videos.create(video('in-tx-after'));
      expect((await storage.videos.get('in-tx-after'))?.id).toBe('in-tx-after');
    } finally {
      await storage.close();
    }
  });
});
