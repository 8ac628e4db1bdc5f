import type { BaseStorage, StorageCapabilities } from '../contracts/base-storage.js';
import type { Cache } from '../contracts/cache.js';
import type { FileStore, FileStoreCapabilities } from '../contracts/file-store.js';
import type { TableName } from '../schemas/records.js';

/**
 * One conformance case: plain data, so any runner can execute it. `requires` names the
 * capabilities it needs; a backend without one reports the case as skipped, never as passed.
 */
export interface ConformanceCase<Ctx, Caps = Record<string, boolean>> {
  /** Unique within its suite: "<area>: <what must hold>". */
  name: string;
  requires?: readonly (keyof Caps & string)[];
  /** For slow cases (large streams, batches of thousands). */
  timeoutMs?: number;
  run(ctx: Ctx): Promise<void>;
}

/** A suite: its cases, how to read a fixture's capabilities, and how to build a case's context. */
export interface SuiteDefinition<Fixture, Ctx, Caps> {
  name: string;
  cases: readonly ConformanceCase<Ctx, Caps>[];
  capabilities(fixture: Fixture): Caps;
  context(fixture: Fixture, run: RunInfo): Ctx;
  dispose(fixture: Fixture): Promise<void>;
}

/** Per-case facts: a random namespace, unique for every case of every run. */
export interface RunInfo {
  /** Random, unique per case: prefix ids, keys and cache keys with it. */
  ns: string;
}

/** Reads what a storage backend really persisted, bypassing its repositories and any cache. */
export interface StorageRawReader {
  countRows(table: TableName): Promise<number>;
}

/** A fresh, empty, initialized records backend for one case. */
export interface StorageFixture {
  storage: BaseStorage;
  raw?: StorageRawReader;
  /** Opens a second instance on the same data (for persistence and multi-instance cases). */
  reopen?: () => Promise<BaseStorage>;
  dispose(): Promise<void>;
}

/** Reads what a FileStore really persisted, bypassing the store. */
export interface FileRawReader {
  /** The stored bytes of `key`, or null when the object does not exist. */
  readBytes(key: string): Promise<Uint8Array | null>;
}

/** A fresh, empty FileStore for one case. */
export interface FileStoreFixture {
  store: FileStore;
  raw?: FileRawReader;
  /** Opens a second instance on the same data. */
  reopen?: () => Promise<FileStore>;
  dispose(): Promise<void>;
}

/** A fresh, empty cache for one case. */
export interface CacheFixture {
  cache: Cache;
  /** A second instance sharing the same data (another app instance); used for cross-instance invalidation. */
  peer?: () => Promise<Cache>;
  dispose(): Promise<void>;
}

/** Makes a fresh records backend for one case. */
export type StorageFactory = () => Promise<StorageFixture>;
/** Makes a fresh FileStore for one case. */
export type FileStoreFactory = () => Promise<FileStoreFixture>;
/** Makes a fresh cache for one case. */
export type CacheFactory = () => Promise<CacheFixture>;

/** The context every BaseStorage case receives. */
export interface StorageCaseContext extends RunInfo {
  storage: BaseStorage;
  raw: StorageRawReader | null;
  fixture: StorageFixture;
}

/** The context every FileStore case receives. */
export interface FileStoreCaseContext extends RunInfo {
  store: FileStore;
  raw: FileRawReader | null;
  fixture: FileStoreFixture;
}

/** Capabilities a cache suite may switch cases by. */
export interface CacheCapabilities {
  /** A peer instance shares entries (Redis, tiered). */
  shared: boolean;
}

/** The context every Cache case receives. */
export interface CacheCaseContext extends RunInfo {
  cache: Cache;
  fixture: CacheFixture;
}

/** One BaseStorage conformance case. */
export type StorageCase = ConformanceCase<StorageCaseContext, StorageCapabilities>;
/** One FileStore conformance case. */
export type FileStoreCase = ConformanceCase<FileStoreCaseContext, FileStoreCapabilities>;
/** One Cache conformance case. */
export type CacheCase = ConformanceCase<CacheCaseContext, CacheCapabilities>;
