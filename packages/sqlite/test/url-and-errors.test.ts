import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isStorageError, openStorage, StorageError } from '@vpe-storage/core';
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import * as sqliteAdapter from '../src/index.js';
import { createBaseStorage, mapSqliteError, parseSqliteUrl, SqliteStorage } from '../src/index.js';
import { tempDir } from './helpers/temp-db.js';

describe('sqlite: URLs', () => {
  test('relative, absolute, triple-slash and :memory: forms', () => {
    expect(parseSqliteUrl('sqlite:./data/app.db', '/srv/app')).toBe('/srv/app/data/app.db');
    expect(parseSqliteUrl('sqlite:/abs/path.db')).toBe('/abs/path.db');
    expect(parseSqliteUrl('sqlite:///abs/path.db')).toBe('/abs/path.db');
    expect(parseSqliteUrl('sqlite::memory:')).toBe(':memory:');
    for (const bad of ['sqlite:', 'sqlite://host/x.db', 'postgres://x']) {
      expect(() => parseSqliteUrl(bad)).toThrow(StorageError);
    }
  });

  test('core openStorage opens sqlite: URLs through createBaseStorage, creating the folder', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const cwd = process.cwd();
      const file = join(dir, 'nested', 'app.db');
      const opened = await openStorage(
        {
          database: { url: `sqlite:${file}`, timeoutMs: 5000, bulkInsertBatchSize: 7 },
          files: { url: 'memory:' },
          cache: { url: 'memory:' },
        },
        { '@vpe-storage/sqlite': sqliteAdapter },
      );
      expect(opened.storage.kind).toBe('sqlite');
      expect(opened.storage.capabilities).toEqual({ multiProcess: true, persistent: true });
      expect((opened.storage as SqliteStorage).file).toBe(resolve(cwd, file));
      await opened.close();
      const mem = createBaseStorage('sqlite::memory:', {
        url: 'sqlite::memory:',
        maxConnections: 1,
        timeoutMs: 10,
        bulkInsertBatchSize: 1,
      });
      expect(mem.capabilities).toEqual({ multiProcess: false, persistent: false });
    } finally {
      cleanup();
    }
  });

  test('bad options are VALIDATION', () => {
    expect(() => new SqliteStorage({ path: '' })).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    expect(() => new SqliteStorage({ path: ':memory:', bulkInsertBatchSize: 0 })).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
  });
});

describe('driver errors map to stable codes', () => {
  test('a file that is not a database is INTEGRITY', async () => {
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'junk.db');
      writeFileSync(
        file,
        'this is not a sqlite database, just some text long enough to have a header'.repeat(20),
      );
      const storage = new SqliteStorage({ path: file });
      const err = await storage.initialize().catch((e: unknown) => e);
      expect(isStorageError(err, 'INTEGRITY')).toBe(true);
      expect((err as Error).message).toMatch(/not a SQLite database/i);
    } finally {
      cleanup();
    }
  });

  test('a folder that cannot be created is a StorageError, never a raw error', async () => {
    const { dir, cleanup } = tempDir();
    try {
      writeFileSync(join(dir, 'file'), 'x');
      const storage = new SqliteStorage({ path: join(dir, 'file', 'sub', 'x.db') });
      const err = await storage.initialize().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StorageError);
    } finally {
      cleanup();
    }
  });

  test('real SQLite errors: CHECK → CONSTRAINT, UNIQUE/PK → ALREADY_EXISTS, FK → CONSTRAINT, read-only → PERMISSION_DENIED', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    db.exec(
      'CREATE TABLE p (id TEXT PRIMARY KEY, n INTEGER CHECK (n > 0), u TEXT UNIQUE); CREATE TABLE c (p TEXT REFERENCES p(id));',
    );
    const codeOf = (sql: string) => {
      try {
        db.exec(sql);
      } catch (e) {
        return mapSqliteError(e).code;
      }
      return 'none';
    };
    expect(codeOf("INSERT INTO p VALUES ('a', 0, 'x')")).toBe('CONSTRAINT');
    expect(codeOf("INSERT INTO p VALUES ('a', 1, 'x')")).toBe('none');
    expect(codeOf("INSERT INTO p VALUES ('a', 1, 'y')")).toBe('ALREADY_EXISTS');
    expect(codeOf("INSERT INTO p VALUES ('b', 1, 'x')")).toBe('ALREADY_EXISTS');
    expect(codeOf("INSERT INTO c VALUES ('zzz')")).toBe('CONSTRAINT');
    db.close();
    const { dir, cleanup } = tempDir();
    try {
      const file = join(dir, 'ro.db');
      new Database(file).exec('CREATE TABLE t (x)');
      const ro = new Database(file, { readonly: true });
      let code = 'none';
      try {
        ro.exec('INSERT INTO t VALUES (1)');
      } catch (e) {
        code = mapSqliteError(e).code;
      }
      expect(code).toBe('PERMISSION_DENIED');
      ro.close();
    } finally {
      cleanup();
    }
  });

  test('a non-SQLite error becomes INTERNAL; a StorageError passes through', () => {
    expect(mapSqliteError(new TypeError('boom')).code).toBe('INTERNAL');
    const own = new StorageError('NOT_FOUND', 'x');
    expect(mapSqliteError(own)).toBe(own);
    const busy = mapSqliteError(
      Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY_SNAPSHOT' }),
    );
    expect(busy.code).toBe('UNAVAILABLE');
    expect(busy.retryable).toBe(true);
    const full = mapSqliteError(
      Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }),
    );
    expect(full.code).toBe('NO_SPACE');
    expect(mapSqliteError(Object.assign(new Error('x'), { code: 'SQLITE_CORRUPT_VTAB' })).code).toBe(
      'INTEGRITY',
    );
  });
});
