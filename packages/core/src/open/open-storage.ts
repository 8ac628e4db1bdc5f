import type { BaseStorage } from '../contracts/base-storage.js';
import type { Cache } from '../contracts/cache.js';
import type { FileStore } from '../contracts/file-store.js';
import { parseOrThrow } from '../errors/from-zod.js';
import { StorageError } from '../errors/storage-error.js';
import { type StorageConfig, type StorageConfigInput, StorageConfigSchema } from '../schemas/config.js';
import { redactUrl } from '../util/redact-url.js';
import {
  ADAPTER_PACKAGES,
  type CacheAdapterModule,
  type FileStoreAdapterModule,
  type StorageAdapterModule,
} from './adapters.js';
import { loadAdapterPackage } from './load-package.js';

/** Adapter modules given directly (the CLI passes its own), keyed by package name. */
export type AdapterOverrides = Record<string, unknown>;

/** The three backends of a deployment, opened from one config. */
export interface OpenedStorage {
  config: StorageConfig;
  storage: BaseStorage;
  files: FileStore;
  cache: Cache;
  /** Closes all three. */
  close(): Promise<void>;
}

/** The scheme of a backend URL (`sqlite:`, `s3:` …), or a `VALIDATION` error. */
export function schemeOf(url: string, what: string): string {
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  if (!match?.[1]) {
    throw new StorageError(
      'VALIDATION',
      `invalid ${what} URL ${JSON.stringify(redactUrl(url))}: it must start with a scheme such as sqlite: or file:`,
    );
  }
  return `${match[1].toLowerCase()}:`;
}

async function loadModule<T>(
  kind: keyof typeof ADAPTER_PACKAGES,
  url: string,
  overrides: AdapterOverrides,
): Promise<T | 'memory'> {
  const scheme = schemeOf(url, kind);
  if (scheme === 'memory:' || (kind === 'cache' && scheme === 'none:')) return 'memory';
  const table = ADAPTER_PACKAGES[kind] as Record<string, string>;
  const pkg = table[scheme];
  if (!pkg) {
    const known = ['memory:', ...Object.keys(table)].join(', ');
    throw new StorageError(
      'UNSUPPORTED',
      `unknown ${kind} URL scheme "${scheme}" in ${JSON.stringify(redactUrl(url))}; known: ${known}`,
    );
  }
  return (overrides[pkg] as T | undefined) ?? loadAdapterPackage<T>(pkg, scheme);
}

/** Opens the records backend named by `config.database.url` (not yet initialized). */
export async function openBaseStorage(
  config: StorageConfig,
  overrides: AdapterOverrides = {},
): Promise<BaseStorage> {
  const mod = await loadModule<StorageAdapterModule>('database', config.database.url, overrides);
  if (mod === 'memory') {
    const { MemoryStorage } = await import('../memory/storage/index.js');
    return new MemoryStorage({ bulkInsertBatchSize: config.database.bulkInsertBatchSize });
  }
  return mod.createBaseStorage(config.database.url, config.database);
}

/** Opens the FileStore named by `config.files.url`. */
export async function openFileStore(
  config: StorageConfig,
  overrides: AdapterOverrides = {},
): Promise<FileStore> {
  const mod = await loadModule<FileStoreAdapterModule>('files', config.files.url, overrides);
  if (mod === 'memory') {
    const { MemoryFileStore } = await import('../memory/files/index.js');
    return new MemoryFileStore();
  }
  return mod.createFileStore(config.files.url, config.files);
}

/** Opens the cache named by `config.cache.url`. */
export async function openCache(config: StorageConfig, overrides: AdapterOverrides = {}): Promise<Cache> {
  const mod = await loadModule<CacheAdapterModule>('cache', config.cache.url, overrides);
  if (mod === 'memory') {
    const { MemoryCache } = await import('../memory/cache/index.js');
    const disabled = schemeOf(config.cache.url, 'cache') === 'none:';
    return new MemoryCache({
      maxBytes: disabled ? 0 : config.cache.maxMemoryBytes,
      defaultTtlSeconds: config.cache.defaultTtlSeconds,
    });
  }
  return mod.createCache(config.cache.url, config.cache);
}

/**
 * Validates `input` (filling the reference's defaults), loads the adapter package of each URL scheme
 * on demand, and opens and initializes the three backends.
 */
export async function openStorage(
  input: StorageConfigInput = {},
  overrides: AdapterOverrides = {},
): Promise<OpenedStorage> {
  const config = parseOrThrow(StorageConfigSchema, input, 'storage config');
  const storage = await openBaseStorage(config, overrides);
  const files = await openFileStore(config, overrides);
  const cache = await openCache(config, overrides);
  try {
    await storage.initialize();
  } catch (err) {
    await Promise.allSettled([storage.close(), files.close(), cache.close()]);
    throw err;
  }
  return {
    config,
    storage,
    files,
    cache,
    async close() {
      const results = await Promise.allSettled([storage.close(), files.close(), cache.close()]);
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
}
