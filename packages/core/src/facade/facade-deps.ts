import type { BaseStorage } from '../contracts/base-storage.js';
import type { Cache } from '../contracts/cache.js';
import type { FileStore } from '../contracts/file-store.js';
import type { StorageConfig } from '../schemas/config.js';
import type { CacheErrorHandler } from './cache-errors.js';
import type { FacadeFileManager } from './file-manager-port.js';

/** What every part of the facade works with: the three backends, the file manager over the FileStore, the config. */
export interface FacadeDeps {
  storage: BaseStorage;
  files: FileStore;
  cache: Cache;
  fileManager: FacadeFileManager;
  config: StorageConfig;
  /** Cache invalidations that failed after a committed write (default: one console warning per error kind). */
  onCacheError?: CacheErrorHandler;
}
