import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TableName } from '@vpe-storage/core';
import type { StorageRawReader } from '@vpe-storage/core/conformance';
import Database from 'better-sqlite3';
import { SqliteStorage, type SqliteStorageOptions } from '../../src/index.js';

/** A fresh temp folder; `cleanup()` removes it. */
export function tempDir(prefix = 'vpe-sqlite-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Counts rows through a separate better-sqlite3 connection (what is really in the file). */
export function rawReader(file: string): StorageRawReader & { close(): void } {
  let conn: Database.Database | null = null;
  const open = () => {
    conn ??= new Database(file, { readonly: true, fileMustExist: true });
    return conn;
  };
  return {
    async countRows(table: TableName) {
      const row = open().prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number };
      return row.n;
    },
    close() {
      conn?.close();
      conn = null;
    },
  };
}

/** An initialized SqliteStorage on a new file in a new temp folder. */
export async function openTempStorage(
  options: Partial<SqliteStorageOptions> = {},
): Promise<{ storage: SqliteStorage; file: string; dir: string; dispose(): Promise<void> }> {
  const { dir, cleanup } = tempDir();
  const file = join(dir, 'test.db');
  const storage = new SqliteStorage({ path: file, ...options });
  await storage.initialize();
  return {
    storage,
    file,
    dir,
    async dispose() {
      await storage.close();
      cleanup();
    },
  };
}
