import type { DatabaseConfig } from '@vpe-storage/core';
import { SqliteStorage } from './sqlite-storage.js';
import { parseSqliteUrl } from './url/parse-sqlite-url.js';

/** What core's `openStorage()` calls for `sqlite:` URLs: `sqlite:./data/app.db`, `sqlite:/abs/app.db`, `sqlite::memory:`. */
export function createBaseStorage(url: string, config: DatabaseConfig): SqliteStorage {
  return new SqliteStorage({ ...config, url, path: parseSqliteUrl(url) });
}
