import type { BaseStorage, StorageStats } from '../contracts/base-storage.js';
import type { Cache, CacheStats } from '../contracts/cache.js';
import type { FileStore } from '../contracts/file-store.js';
import { parseOrThrow } from '../errors/from-zod.js';
import { StorageError } from '../errors/storage-error.js';
import type { CleanupResult } from '../files/cleanup.js';
import { FileManager } from '../files/file-manager.js';
import type { FileArea } from '../files/layout.js';
import { type AdapterOverrides, openStorage } from '../open/open-storage.js';
import { type StorageConfig, type StorageConfigInput, StorageConfigSchema } from '../schemas/config.js';
import { AnnotationService } from './annotations.js';
import { type CacheErrorHandler, warnOncePerKind } from './cache-errors.js';
import { DetectionService } from './detections.js';
import type { FacadeDeps } from './facade-deps.js';
import type { FacadeFileManager } from './file-manager-port.js';
import { type AreaStats, fileStats } from './file-stats.js';
import { checkIntegrity, type IntegrityOptions, type IntegrityReport } from './integrity.js';
import { JobService } from './jobs.js';
import { type MaintenanceEvent, MaintenanceScheduler } from './maintenance.js';
import { ModelService } from './models.js';
import { SceneService } from './scenes.js';
import { TimelineService } from './timelines.js';
import { VideoService } from './videos.js';

const HOUR_MS = 3_600_000;

/** The backends a facade is built on (it owns them: `close()` closes them). */
export interface VideoPrivacyStorageOptions {
  storage: BaseStorage;
  files: FileStore;
  cache: Cache;
  /** Validated and completed with the reference's defaults. */
  config?: StorageConfigInput;
  /** Default: core's FileManager over `files` with the config's limits. */
  fileManager?: FacadeFileManager;
  /**
   * Cache invalidations that still failed (after one retry) following a committed write; the write itself
   * succeeds. Default: one console warning per error kind.
   */
  onCacheError?: CacheErrorHandler;
}

/** Options of {@link VideoPrivacyStorage.open} beyond the config. */
export type FacadeHooks = Pick<VideoPrivacyStorageOptions, 'onCacheError'>;

/** Options of background maintenance; intervals default to the config's (cleanup 6 h, vacuum 24 h). */
export interface MaintenanceOptions {
  cleanupIntervalMs?: number;
  vacuumIntervalMs?: number;
  onEvent?: (event: MaintenanceEvent) => void;
}

/** Everything `stats()` reports. */
export interface FacadeStats {
  storage: StorageStats;
  cache: CacheStats;
  /** Objects and bytes per area (only with `{ files: true }`). */
  files: Partial<Record<FileArea, AreaStats>> | null;
}

/**
 * The domain facade of vpe-storage over any BaseStorage + FileStore + Cache: files land before the records
 * that name them, reads go through the cache with the reference's keys and TTLs, every write invalidates them.
 */
export class VideoPrivacyStorage {
  readonly config: StorageConfig;
  readonly storage: BaseStorage;
  readonly files: FileStore;
  readonly cache: Cache;
  readonly fileManager: FacadeFileManager;
  /** Where cache failures after committed writes are reported. */
  readonly onCacheError: CacheErrorHandler;
  readonly videos: VideoService;
  readonly scenes: SceneService;
  readonly annotations: AnnotationService;
  readonly detections: DetectionService;
  readonly timelines: TimelineService;
  readonly jobs: JobService;
  readonly models: ModelService;
  private maintenance: MaintenanceScheduler | null = null;
  private closed = false;

  /** Builds the facade over backends already opened and initialized. */
  constructor(options: VideoPrivacyStorageOptions) {
    this.config = parseOrThrow(StorageConfigSchema, options.config ?? {}, 'storage config');
    this.storage = options.storage;
    this.files = options.files;
    this.cache = options.cache;
    this.fileManager =
      options.fileManager ??
      new FileManager(options.files, {
        files: this.config.files,
        tempMaxAgeHours: this.config.maintenance.tempMaxAgeHours,
      });
    this.onCacheError = options.onCacheError ?? warnOncePerKind();
    const deps = this.deps();
    this.videos = new VideoService(deps);
    this.scenes = new SceneService(deps);
    this.annotations = new AnnotationService(deps);
    this.detections = new DetectionService(deps);
    this.timelines = new TimelineService(deps);
    this.jobs = new JobService(deps);
    this.models = new ModelService(deps);
  }

  /**
   * Opens the three backends named by the config's URLs (see `openStorage`) and builds the facade;
   * background maintenance starts when `maintenance.enabled` is set.
   */
  static async open(
    config: StorageConfigInput = {},
    overrides: AdapterOverrides = {},
    hooks: FacadeHooks = {},
  ): Promise<VideoPrivacyStorage> {
    const opened = await openStorage(config, overrides);
    const facade = new VideoPrivacyStorage({ ...hooks, ...opened, config: opened.config });
    if (opened.config.maintenance.enabled) facade.startMaintenance();
    return facade;
  }

  /** Records against files and records against records, plus the backend's own checks. */
  checkIntegrity(options?: IntegrityOptions): Promise<IntegrityReport> {
    return checkIntegrity(this.deps(), options);
  }

  /** Removes orphaned frames and models, old temp files and unreferenced blobs. */
  cleanup(options: { secure?: boolean; now?: Date; graceMs?: number } = {}): Promise<CleanupResult> {
    return this.fileManager.cleanup({ ...options, references: this.storage.fileReferences() });
  }

  /** Reclaims space in the records backend. */
  vacuum(): Promise<void> {
    return this.storage.vacuum();
  }

  /** Row counts and sizes of the records backend, cache counters, and (optionally) files per area. */
  async stats(options: { files?: boolean } = {}): Promise<FacadeStats> {
    return {
      storage: await this.storage.stats(),
      cache: this.cache.stats(),
      files: options.files ? await fileStats(this.files) : null,
    };
  }

  /** Starts cleanup and vacuum in the background; `CONFLICT` when already started. */
  startMaintenance(options: MaintenanceOptions = {}): MaintenanceScheduler {
    if (this.closed)
      throw new StorageError('CLOSED', 'this storage is closed: open a new one to run maintenance');
    if (this.maintenance)
      throw new StorageError('CONFLICT', 'maintenance is already running: call stopMaintenance() first');
    const { maintenance } = this.config;
    this.maintenance = new MaintenanceScheduler(
      [
        {
          name: 'cleanup',
          intervalMs: options.cleanupIntervalMs ?? maintenance.cleanupIntervalHours * HOUR_MS,
          run: () => this.cleanup(),
        },
        {
          name: 'vacuum',
          intervalMs: options.vacuumIntervalMs ?? maintenance.vacuumIntervalHours * HOUR_MS,
          run: () => this.vacuum(),
        },
      ],
      options.onEvent,
    );
    return this.maintenance;
  }

  /** Stops background maintenance, waiting for a run in progress. */
  async stopMaintenance(): Promise<void> {
    const scheduler = this.maintenance;
    this.maintenance = null;
    await scheduler?.stop();
  }

  /** Stops maintenance, then closes the cache, the FileStore and the records backend; idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.stopMaintenance();
    const results = await Promise.allSettled([this.storage.close(), this.files.close(), this.cache.close()]);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  private deps(): FacadeDeps {
    return {
      storage: this.storage,
      files: this.files,
      cache: this.cache,
      fileManager: this.fileManager,
      config: this.config,
      onCacheError: this.onCacheError,
    };
  }
}
