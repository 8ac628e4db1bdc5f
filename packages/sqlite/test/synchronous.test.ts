import { isStorageError } from '@vpe-storage/core';
import type { SqlExecutor } from '@vpe-storage/sql';
import { expect, test } from 'vitest';
import { SqliteStorage, type SqliteStorageOptions } from '../src/index.js';
import { openTempStorage } from './helpers/temp-db.js';

/** `PRAGMA synchronous` as the storage's own connection reports it (0 OFF, 1 NORMAL, 2 FULL). */
async function synchronousOf(options: Partial<SqliteStorageOptions>): Promise<number> {
  const t = await openTempStorage(options);
  try {
    const db = (t.storage as unknown as { db: SqlExecutor }).db;
    const row = await db.get<{ synchronous: number }>('PRAGMA synchronous');
    return Number(row?.synchronous);
  } finally {
    await t.dispose();
  }
}

test('synchronous defaults to NORMAL (the reference) and `full` applies FULL', async () => {
  expect(await synchronousOf({})).toBe(1);
  expect(await synchronousOf({ synchronous: 'normal' })).toBe(1);
  expect(await synchronousOf({ synchronous: 'full' })).toBe(2);
});

test('an unknown synchronous value is VALIDATION', () => {
  let err: unknown;
  try {
    new SqliteStorage({ path: ':memory:', synchronous: 'off' as never });
  } catch (e) {
    err = e;
  }
  expect(isStorageError(err) && err.code).toBe('VALIDATION');
});
