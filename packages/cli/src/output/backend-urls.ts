import { redactUrl, type StorageConfig } from '@vpe-storage/core';

/** The three backend URLs of a config. */
export interface BackendUrls {
  database: string;
  files: string;
  cache: string;
}

/** The backend URLs of `config` safe to print: passwords and secret parameters replaced by `***`. */
export function printableUrls(config: Pick<StorageConfig, 'database' | 'files' | 'cache'>): BackendUrls {
  return {
    database: redactUrl(config.database.url),
    files: redactUrl(config.files.url),
    cache: redactUrl(config.cache.url),
  };
}
