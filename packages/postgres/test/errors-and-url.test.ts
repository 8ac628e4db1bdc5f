import { DatabaseConfigSchema, isStorageError, StorageError } from '@vpe-storage/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  createBaseStorage,
  createPool,
  mapPgError,
  PgDatabase,
  PostgresStorage,
  parsePostgresUrl,
  redactPasswords,
} from '../src/index.js';
import { freshStorage } from './helpers/fresh-storage.js';
import { createTestDatabase, databaseUrl, SERVER_URL, serverAvailable } from './helpers/server.js';

const available = await serverAvailable();

test('SQLSTATE codes, their classes and socket errors map to stable codes', () => {
  const pgError = (code: string) => Object.assign(new Error(`server said ${code}`), { code });
  const cases: [unknown, string, boolean][] = [
    [pgError('23503'), 'CONSTRAINT', false],
    [pgError('23505'), 'ALREADY_EXISTS', false],
    [pgError('23514'), 'CONSTRAINT', false],
    [pgError('40001'), 'CONFLICT', true],
    [pgError('40P01'), 'CONFLICT', true],
    [pgError('57P01'), 'UNAVAILABLE', true],
    [pgError('57P02'), 'UNAVAILABLE', true],
    [pgError('57P03'), 'UNAVAILABLE', true],
    [pgError('08006'), 'UNAVAILABLE', true],
    [pgError('08001'), 'UNAVAILABLE', true],
    [pgError('53100'), 'NO_SPACE', false],
    [pgError('57014'), 'TIMEOUT', true],
    [pgError('28P01'), 'PERMISSION_DENIED', false],
    [pgError('28000'), 'PERMISSION_DENIED', false],
    [pgError('22P05'), 'VALIDATION', false],
    [pgError('ECONNREFUSED'), 'UNAVAILABLE', true],
    [pgError('ECONNRESET'), 'UNAVAILABLE', true],
    [new Error('Connection terminated unexpectedly'), 'UNAVAILABLE', true],
    [pgError('XX000'), 'INTERNAL', false],
    [new Error('something else'), 'INTERNAL', false],
  ];
  for (const [err, code, retryable] of cases) {
    const mapped = mapPgError(err);
    expect([String((err as { code?: string }).code), mapped.code, mapped.retryable]).toEqual([
      String((err as { code?: string }).code),
      code,
      retryable,
    ]);
    expect(mapped.cause).toBe(err);
  }
  const known = new StorageError('NOT_FOUND', 'x');
  expect(mapPgError(known)).toBe(known);
});

test('URLs: schema parameter, scheme check, and passwords never in messages', () => {
  expect(parsePostgresUrl('postgresql://u:pw@h:5433/db?schema=app_1&sslmode=disable')).toEqual({
    connectionString: 'postgresql://u:pw@h:5433/db?sslmode=disable',
    schema: 'app_1',
    safeUrl: 'postgresql://u:***@h:5433/db?sslmode=disable',
  });
  expect(redactPasswords('failed for postgres://me:hunter2@db:5432/x and redis://:pw@r')).toBe(
    'failed for postgres://me:***@db:5432/x and redis://:***@r',
  );
  for (const bad of ['mysql://h/db', 'not a url', 'postgres://h/db?schema=drop;table']) {
    let err: unknown;
    try {
      new PostgresStorage({ url: `${bad}`.replace('h/db', 'u:topsecret@h/db') });
    } catch (e) {
      err = e;
    }
    expect(isStorageError(err, 'VALIDATION'), String(err)).toBe(true);
    expect((err as Error).message).not.toContain('topsecret');
  }
  for (const schema of ['a&b', 'x; DROP TABLE videos', '1abc', '']) {
    expect(() => new PostgresStorage({ url: 'postgres://u@h/db', schema })).toThrow(StorageError);
  }
  const storage = createBaseStorage('postgres://u@h/db', DatabaseConfigSchema.parse({ maxConnections: 3 }));
  expect(storage).toBeInstanceOf(PostgresStorage);
  expect(storage.kind).toBe('postgres');
  expect(storage.capabilities).toEqual({ multiProcess: true, persistent: true });
});

test('a server that does not answer is UNAVAILABLE, and the password stays out of the message', async () => {
  const storage = new PostgresStorage({ url: 'postgres://me:topsecret@127.0.0.1:1/db', timeoutMs: 2000 });
  const err = await storage.initialize().catch((e: unknown) => e);
  expect(isStorageError(err, 'UNAVAILABLE'), String(err)).toBe(true);
  expect((err as StorageError).retryable).toBe(true);
  expect((err as Error).message).toContain('postgres://me:***@127.0.0.1:1/db');
  expect(JSON.stringify((err as StorageError).toJSON())).not.toContain('topsecret');
  await rejectsClosed(storage);
});

async function rejectsClosed(storage: PostgresStorage) {
  const err = await storage.videos.get('x').catch((e: unknown) => e);
  expect(isStorageError(err, 'CLOSED'), String(err)).toBe(true);
}

describe.skipIf(!available)('errors from a real server', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase('vpe_err');
  });
  afterAll(async () => {
    await db?.drop();
  });

  test('a missing database is UNAVAILABLE and not retryable', async () => {
    const storage = new PostgresStorage({ url: databaseUrl('vpe_no_such_database_x', SERVER_URL) });
    const err = await storage.initialize().catch((e: unknown) => e);
    expect(isStorageError(err, 'UNAVAILABLE'), String(err)).toBe(true);
    expect((err as StorageError).retryable).toBe(false);
  });

  test('a schema that does not exist is VALIDATION naming it', async () => {
    const storage = new PostgresStorage({ url: db.url, schema: 'no_such_schema' });
    const err = await storage.initialize().catch((e: unknown) => e);
    expect(isStorageError(err, 'VALIDATION'), String(err)).toBe(true);
    expect((err as Error).message).toContain('CREATE SCHEMA no_such_schema');
  });

  test('statement_timeout is timeoutMs: a longer statement is TIMEOUT', async () => {
    const pg = createPool({ connectionString: db.url, schema: null, maxConnections: 1, timeoutMs: 300 });
    const database = new PgDatabase(pg, '1', 'test');
    try {
      const err = await database.get('SELECT pg_sleep(3)').catch((e: unknown) => e);
      expect(isStorageError(err, 'TIMEOUT'), String(err)).toBe(true);
      expect((await database.get<{ ok: number }>('SELECT 1 AS ok'))?.ok).toBe(1);
    } finally {
      await database.close();
    }
  });

  test('CHECK and foreign-key violations from the server are CONSTRAINT; a swallowed failure fails the commit', async () => {
    const f = await freshStorage(db.url);
    try {
      const pg = createPool({
        connectionString: db.url,
        schema: f.schema,
        maxConnections: 2,
        timeoutMs: 5000,
      });
      const database = new PgDatabase(pg, '2', 'test');
      try {
        const check = await database
          .run(
            "INSERT INTO videos (id, filename, file_key, duration, frame_rate, width, height, file_size) VALUES ('v', 'f', 'k', 1, 1, 1, 1, 1)",
          )
          .then(() =>
            database.run(
              "INSERT INTO scenes (id, video_id, start_time, end_time, scene_type) VALUES ('s', 'v', 2, 1, 'custom')",
            ),
          )
          .catch((e: unknown) => e);
        expect(isStorageError(check, 'CONSTRAINT'), String(check)).toBe(true);
        const fk = await database
          .run(
            "INSERT INTO scenes (id, video_id, start_time, end_time, scene_type) VALUES ('s', 'nope', 1, 2, 'custom')",
          )
          .catch((e: unknown) => e);
        expect(isStorageError(fk, 'CONSTRAINT'), String(fk)).toBe(true);
        // fn swallows a statement error: PostgreSQL aborted the transaction, so it must not report success.
        const swallowed = await database
          .transaction(async (tx) => {
            await tx
              .run(
                "INSERT INTO videos (id, filename, file_key, duration, frame_rate, width, height, file_size) VALUES ('v', 'f', 'k2', 1, 1, 1, 1, 1)",
              )
              .catch(() => undefined);
          })
          .catch((e: unknown) => e);
        expect(isStorageError(swallowed, 'CONFLICT'), String(swallowed)).toBe(true);
      } finally {
        await database.close();
      }
    } finally {
      await f.dispose();
    }
  });
});
