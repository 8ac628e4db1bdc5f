import { isStorageError } from '@vpe-storage/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { seedJob, untilLockWait } from './helpers/fixtures-domain.js';
import { freshStorage } from './helpers/fresh-storage.js';
import { createTestDatabase, serverAvailable } from './helpers/server.js';

// Another session deletes or moves the row between the repository's read and its UPDATE (it holds the
// row lock until we let it commit): the update must fail, never report success on a row it did not write.
const available = await serverAvailable();

/** The error code a promise rejects with. */
async function codeOf(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  return isStorageError(err) ? err.code : `not a StorageError: ${String(err)}`;
}

describe.skipIf(!available)('job and timeline updates racing another session', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase('vpe_lost');
  });
  afterAll(async () => {
    await db?.drop();
  });

  /** Runs `change` in an open transaction of the raw client, then `update`, then commits `change`. */
  async function race(
    f: Awaited<ReturnType<typeof freshStorage>>,
    change: string,
    update: () => Promise<unknown>,
  ): Promise<string> {
    await f.raw.query('BEGIN');
    await f.raw.query(change);
    const pending = codeOf(update());
    await untilLockWait(f.raw as never);
    await f.raw.query('COMMIT');
    return pending;
  }

  test('updateProgress of a job deleted meanwhile is NOT_FOUND', async () => {
    const f = await freshStorage(db.url);
    try {
      await seedJob(f.storage);
      await f.storage.jobs.claimNext('w');
      const code = await race(f, "DELETE FROM processing_jobs WHERE id = 'j'", () =>
        f.storage.jobs.updateProgress('j', 50),
      );
      expect(code).toBe('NOT_FOUND');
    } finally {
      await f.dispose();
    }
  });

  test('complete of a job cancelled meanwhile is CONFLICT and leaves it cancelled', async () => {
    const f = await freshStorage(db.url);
    try {
      await seedJob(f.storage);
      await f.storage.jobs.claimNext('w');
      const code = await race(f, "UPDATE processing_jobs SET status = 'cancelled' WHERE id = 'j'", () =>
        f.storage.jobs.complete('j'),
      );
      expect(code).toBe('CONFLICT');
      expect((await f.storage.jobs.get('j'))?.status).toBe('cancelled');
    } finally {
      await f.dispose();
    }
  });

  test('approve of a timeline version deleted meanwhile is NOT_FOUND', async () => {
    const f = await freshStorage(db.url);
    try {
      await seedJob(f.storage);
      const code = await race(f, "DELETE FROM timelines WHERE id = 't'", () =>
        f.storage.timelines.approve('t', 'bob'),
      );
      expect(code).toBe('NOT_FOUND');
    } finally {
      await f.dispose();
    }
  });

  test('approve of a timeline archived meanwhile is CONFLICT and leaves it archived', async () => {
    const f = await freshStorage(db.url);
    try {
      await seedJob(f.storage);
      const code = await race(f, "UPDATE timelines SET status = 'archived' WHERE id = 't'", () =>
        f.storage.timelines.approve('t', 'bob'),
      );
      expect(code).toBe('CONFLICT');
      expect((await f.storage.timelines.load('t'))?.status).toBe('archived');
    } finally {
      await f.dispose();
    }
  });
});
