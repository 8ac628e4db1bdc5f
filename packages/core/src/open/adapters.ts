import type { BaseStorage } from '../contracts/base-storage.js';
import type { Cache } from '../contracts/cache.js';
import type { FileStore } from '../contracts/file-store.js';
import type { CacheConfig, DatabaseConfig, FilesConfig } from '../schemas/config.js';

/** What a records adapter package exports (e.g. `@vpe-storage/sqlite`). */
export interface StorageAdapterModule {
  createBaseStorage(url: string, config: DatabaseConfig): BaseStorage | Promise<BaseStorage>;
}
/** What a FileStore adapter package exports (e.g. `@vpe-storage/fs-files`). */
export interface FileStoreAdapterModule {
  createFileStore(url: string, config: FilesConfig): FileStore | Promise<FileStore>;
}
/** What a cache adapter package exports (e.g. `@vpe-storage/cache`). */
export interface CacheAdapterModule {
  createCache(url: string, config: CacheConfig): Cache | Promise<Cache>;
}

/** URL scheme → package name, per kind of backend. */
export const ADAPTER_PACKAGES = {
  database: {
    'sqlite:': '@vpe-storage/sqlite',
    'postgres:': '@vpe-storage/postgres',
    'postgresql:': '@vpe-storage/postgres',
  },
  files: {
    'file:': '@vpe-storage/fs-files',
    's3:': '@vpe-storage/s3-files',
  },
  cache: {
    'redis:': '@vpe-storage/cache',
    'rediss:': '@vpe-storage/cache',
    'tiered:': '@vpe-storage/cache',
  },
} as const satisfies Record<'database' | 'files' | 'cache', Record<string, string>>;
