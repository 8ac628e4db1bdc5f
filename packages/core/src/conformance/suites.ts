import type { StorageCapabilities } from '../contracts/base-storage.js';
import type { FileStoreCapabilities } from '../contracts/file-store.js';
import { cacheCases } from './cache/index.js';
import { fileStoreCases } from './files/index.js';
import { storageCases } from './storage/index.js';
import type {
  CacheCapabilities,
  CacheCaseContext,
  CacheFixture,
  FileStoreCaseContext,
  FileStoreFixture,
  StorageCaseContext,
  StorageFixture,
  SuiteDefinition,
} from './types.js';

/** The BaseStorage suite. */
export const storageSuite: SuiteDefinition<StorageFixture, StorageCaseContext, StorageCapabilities> = {
  name: 'BaseStorage',
  cases: storageCases,
  capabilities: (f) => f.storage.capabilities,
  context: (f, run) => ({ ...run, storage: f.storage, raw: f.raw ?? null, fixture: f }),
  dispose: (f) => f.dispose(),
};

/** The FileStore suite. */
export const fileStoreSuite: SuiteDefinition<FileStoreFixture, FileStoreCaseContext, FileStoreCapabilities> =
  {
    name: 'FileStore',
    cases: fileStoreCases,
    capabilities: (f) => f.store.capabilities,
    context: (f, run) => ({ ...run, store: f.store, raw: f.raw ?? null, fixture: f }),
    dispose: (f) => f.dispose(),
  };

/** The Cache suite. */
export const cacheSuite: SuiteDefinition<CacheFixture, CacheCaseContext, CacheCapabilities> = {
  name: 'Cache',
  cases: cacheCases,
  capabilities: (f) => ({ shared: f.peer !== undefined }),
  context: (f, run) => ({ ...run, cache: f.cache, fixture: f }),
  dispose: (f) => f.dispose(),
};
