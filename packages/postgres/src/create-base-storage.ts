import type { DatabaseConfig } from '@vpe-storage/core';
import { PostgresStorage } from './postgres-storage.js';

/** What core's `openStorage()` calls for `postgres://` and `postgresql://` URLs. */
export function createBaseStorage(url: string, config: DatabaseConfig): PostgresStorage {
  const { url: _ignored, ...rest } = config;
  return new PostgresStorage({ ...rest, url });
}
