import { join } from 'node:path';
import { describeBaseStorage } from '@vpe-storage/core/conformance/vitest';
import { SqliteStorage } from '../src/index.js';
import { rawReader, tempDir } from './helpers/temp-db.js';

// The shared BaseStorage cases, each on a fresh database file in its own temp folder; the raw reader
// counts rows through a second better-sqlite3 connection, bypassing the adapter.
describeBaseStorage('sqlite', async () => {
  const { dir, cleanup } = tempDir();
  const file = join(dir, 'conformance.db');
  const storage = new SqliteStorage({ path: file });
  await storage.initialize();
  const raw = rawReader(file);
  const others: SqliteStorage[] = [];
  return {
    storage,
    raw,
    reopen: async () => {
      const second = new SqliteStorage({ path: file });
      await second.initialize();
      others.push(second);
      return second;
    },
    async dispose() {
      raw.close();
      await Promise.all([storage.close(), ...others.map((s) => s.close())]);
      cleanup();
    },
  };
});

// The same cases on `sqlite::memory:` (snapshots come from a serialized copy; no raw reader, no reopen).
describeBaseStorage('sqlite :memory:', async () => {
  const storage = new SqliteStorage({ path: ':memory:' });
  await storage.initialize();
  return { storage, dispose: () => storage.close() };
});
