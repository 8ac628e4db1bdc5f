import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { FileInfo, FileStore } from '../contracts/file-store.js';
import { parseOrThrow } from '../errors/from-zod.js';
import { newId } from '../ids/new-id.js';
import { FilesConfigSchema, type StorageConfig } from '../schemas/config.js';
import { POINTER_METADATA_KEY, pointerTarget, readPointer } from './blob-pointer.js';
import {
  type CleanupOptions,
  type CleanupResult,
  cleanupFiles,
  collectReferences,
  type ReferenceSource,
} from './cleanup.js';
import { encodeFrame, type FrameImageInput } from './encode-frame.js';
import { assertSegment, frameKey, modelKey, videoKey } from './layout.js';
import { loadSharp, type Sharp } from './load-sharp.js';
import { overwriteFile } from './overwrite-file.js';
import { inMemoryBody, prepareSource } from './prepare-source.js';
import type {
  FileLimits,
  FileManagerOptions,
  FileSource,
  SecureDeleteResult,
  StoredFile,
  StoredFrame,
  StoredVideo,
  StoreFrameOptions,
  StoreModelOptions,
  StoreVideoOptions,
} from './types.js';
import { detectVideoContainer } from './video-container.js';
import { assertAbsent, writeVerified } from './write-verified.js';

const HOUR_MS = 3_600_000;

const OptionsSchema = z.object({
  files: FilesConfigSchema.pick({
    maxFileSize: true,
    maxImageDimension: true,
    maxImageBytes: true,
    dedup: true,
  }).prefault({}),
  tempMaxAgeHours: z.number().positive().default(24),
  cleanupGraceMs: z.number().int().nonnegative().default(HOUR_MS),
});

const DateSchema = z
  .date()
  .refine((d) => !Number.isNaN(d.getTime()), 'must be a valid date')
  .optional();
const VideoOptionsSchema = z.object({
  id: z.string().optional(),
  filename: z.string().max(1024).optional(),
  now: DateSchema,
});
const FrameOptionsSchema = z.object({
  annotationId: z.string(),
  timestampMs: z.number().finite().nonnegative(),
  now: DateSchema,
});
const DurationMsSchema = z.number().finite().nonnegative().optional();
const CleanupOptionsSchema = z.object({
  references: z.custom<ReferenceSource>(
    (v) => typeof v === 'object' && v !== null && (Symbol.iterator in v || Symbol.asyncIterator in v),
    'pass a Set of keys or an iterable of file references',
  ),
  now: DateSchema,
  tempMaxAgeMs: DurationMsSchema,
  graceMs: DurationMsSchema,
  secure: z.boolean().default(false),
});
const ModelOptionsSchema = z.object({
  id: z.string(),
  modelType: z.string(),
  version: z.string().default('1.0'),
  ext: z.string().default('bin'),
  replace: z.boolean().default(false),
});

/** A store that can say where a key lives on the local disk (LocalFileStore's `pathOf`). */
interface PathAware {
  pathOf(key: string): string | null;
}

function hasPathOf(store: FileStore): store is FileStore & PathAware {
  return typeof (store as Partial<PathAware>).pathOf === 'function';
}

/**
 * The reference's FileManager over any {@link FileStore} (local folder, S3, memory): the folder layout, validated
 * video and frame ingest, models, optional content-addressed dedup, cleanup of orphans and secure delete.
 */
export class FileManager {
  /** The FileStore every file goes to. */
  readonly store: FileStore;
  private readonly settings: z.output<typeof OptionsSchema>;
  private readonly resolveLocalPath: ((key: string) => string | null) | undefined;
  private readonly importSharp: FileManagerOptions['importSharp'];
  private sharp: Promise<Sharp> | undefined;

  /** Wraps `store`; `options` are validated (`VALIDATION` on a bad value). */
  constructor(store: FileStore, options: FileManagerOptions = {}) {
    this.store = store;
    const { resolveLocalPath, importSharp, ...data } = options;
    this.settings = parseOrThrow(OptionsSchema, data, 'file manager options');
    this.resolveLocalPath = resolveLocalPath ?? (hasPathOf(store) ? (key) => store.pathOf(key) : undefined);
    this.importSharp = importSharp;
  }

  /** A manager with the limits of a whole storage config (`files.*` and `maintenance.tempMaxAgeHours`). */
  static fromConfig(
    store: FileStore,
    config: Pick<StorageConfig, 'files' | 'maintenance'>,
    options: Omit<FileManagerOptions, 'files' | 'tempMaxAgeHours'> = {},
  ): FileManager {
    return new FileManager(store, {
      ...options,
      files: config.files,
      tempMaxAgeHours: config.maintenance.tempMaxAgeHours,
    });
  }

  /** The limits in force (maxFileSize, maxImageDimension, maxImageBytes, dedup). */
  get limits(): Readonly<FileLimits> {
    return this.settings.files;
  }

  /**
   * Stores a video under `videos/YYYYMM/<id>.<ext>`. The container is recognised from its first bytes (MP4/MOV,
   * MKV/WebM, AVI; anything else is `VALIDATION` and nothing is written) and names the extension. The size limit
   * is enforced on the bytes as they stream (and by `stat` first for a path). The stored bytes are verified
   * (see `writeVerified`): a path is hashed first and the store checks `expectedSha256`; a stream is read back.
   */
  async storeVideo(source: FileSource, options: StoreVideoOptions = {}): Promise<StoredVideo> {
    const opts = parseOrThrow(VideoOptionsSchema, options, 'storeVideo options');
    const id = opts.id ?? newId();
    assertSegment(id, 'video id');
    const now = opts.now ?? new Date();
    const maxSize = this.settings.files.maxFileSize;

    const { body, inspected } = await prepareSource(source, {
      maxSize,
      // Recognised before anything else is read: 10 GB of something that is not a video are never hashed.
      inspect: detectVideoContainer,
      beforeHash: (found) => assertAbsent(this.store, videoKey(id, found.container, now)),
    });
    const { container, mime } = inspected;
    const filename = opts.filename ?? (typeof source === 'string' ? basename(source) : undefined);
    const key = videoKey(id, container, now);
    const metadata: Record<string, string> = filename ? { 'vpe-filename': encodeURIComponent(filename) } : {};
    const stored = await writeVerified(this.store, key, body, {
      contentType: mime,
      metadata,
      ifNotExists: true,
      maxSize,
      dedup: this.settings.files.dedup,
      read: (k) => this.open(k),
    });
    return { ...stored, container, mime };
  }

  /**
   * Stores a frame under `annotations/frames/YYYYMM/DD/frame_<annotationId>_<ms>.png`: resized to fit
   * `maxImageDimension` (never enlarged), PNG level 6, or JPEG quality 85 (`.jpg`) when the PNG is over
   * `maxImageBytes`. Needs the optional package `sharp` (`UNSUPPORTED` without it).
   */
  async storeFrameImage(image: FrameImageInput, options: StoreFrameOptions): Promise<StoredFrame> {
    const opts = parseOrThrow(FrameOptionsSchema, options, 'storeFrameImage options');
    const now = opts.now ?? new Date();
    frameKey(opts.annotationId, opts.timestampMs, now); // validates before any work
    this.sharp ??= loadSharp(this.importSharp);
    const sharp = await this.sharp.catch((err: unknown) => {
      this.sharp = undefined;
      throw err;
    });
    const encoded = await encodeFrame(sharp, image, {
      maxDimension: this.settings.files.maxImageDimension,
      maxBytes: this.settings.files.maxImageBytes,
    });
    const key = frameKey(opts.annotationId, opts.timestampMs, now, encoded.format);
    const stored = await writeVerified(this.store, key, inMemoryBody(encoded.data), {
      contentType: encoded.format === 'png' ? 'image/png' : 'image/jpeg',
      metadata: {},
      ifNotExists: false, // re-extracting the same frame replaces it
      maxSize: this.settings.files.maxFileSize,
      dedup: this.settings.files.dedup,
      read: (k) => this.open(k),
    });
    return { ...stored, width: encoded.width, height: encoded.height, format: encoded.format };
  }

  /**
   * Stores a model under `models/<type>/<version>/<id>.<ext>` from bytes, a stream or a local path;
   * `ALREADY_EXISTS` when that model version exists, unless `replace`.
   */
  async storeModel(body: FileSource, options: StoreModelOptions): Promise<StoredFile> {
    const opts = parseOrThrow(ModelOptionsSchema, options, 'storeModel options');
    const key = modelKey(opts.id, opts.modelType, opts.version, opts.ext);
    const maxSize = this.settings.files.maxFileSize;
    const { body: prepared } = await prepareSource(body, {
      maxSize,
      inspect: async () => undefined,
      beforeHash: async () => {
        if (!opts.replace) await assertAbsent(this.store, key);
      },
    });
    return writeVerified(this.store, key, prepared, {
      contentType: 'application/octet-stream',
      metadata: {},
      ifNotExists: !opts.replace,
      maxSize,
      dedup: this.settings.files.dedup,
      read: (k) => this.open(k),
    });
  }

  /** The bytes of a logical key as a stream, following a dedup pointer; `NOT_FOUND` when missing. */
  async open(key: string): Promise<Readable> {
    const pointer = await readPointer(this.store, key);
    return this.store.get(pointer ? pointerTarget(pointer) : key);
  }

  /** What a logical key holds (a pointer is resolved: size, sha256 and content type of the bytes). */
  async head(key: string): Promise<FileInfo | null> {
    const info = await this.store.head(key);
    if (!info) return null;
    const pointer = await readPointer(this.store, key, info);
    if (!pointer) return info;
    const { [POINTER_METADATA_KEY]: _, ...metadata } = info.metadata;
    return {
      ...info,
      size: pointer.size,
      sha256: pointer.sha256,
      contentType: pointer.contentType,
      metadata,
    };
  }

  /** Removes a logical key (a dedup blob stays until `cleanup` finds no pointer to it). */
  delete(key: string): Promise<boolean> {
    return this.store.delete(key);
  }

  /**
   * Removes videos, outputs, frames and models no record references (older than the grace period), temp files
   * older than `tempMaxAgeHours`, the store's own abandoned uploads of that age (`cleanupIncomplete`, when the
   * store has it) and dedup blobs no pointer names; never any other area, never a referenced key. Lists page by page. `VALIDATION` (and
   * nothing removed) on a NaN, negative or infinite age, an invalid date or missing references.
   */
  async cleanup(options: CleanupOptions): Promise<CleanupResult> {
    // A NaN or negative age would make every fresh, not-yet-referenced file look old: refuse it.
    const opts = parseOrThrow(CleanupOptionsSchema, options, 'cleanup options');
    const references = await collectReferences(opts.references);
    return cleanupFiles(this.store, references, {
      now: (opts.now ?? new Date()).getTime(),
      tempMaxAgeMs: opts.tempMaxAgeMs ?? this.settings.tempMaxAgeHours * HOUR_MS,
      graceMs: opts.graceMs ?? this.settings.cleanupGraceMs,
      remove: opts.secure
        ? async (key) => (await this.secureDelete(key)).deleted
        : (key) => this.store.delete(key),
    });
  }

  /** The local file behind `key`, or null when the store is remote (or the key is not a local file). */
  localPath(key: string): string | null {
    return this.resolveLocalPath?.(key) ?? null;
  }

  /**
   * Deletes `key`; when it is a local file, first overwrites it in place with random bytes (1 MiB chunks) and
   * fsyncs. Remote stores (S3, memory): a plain delete. With dedup, `key` is a pointer: the shared blob is left
   * for `cleanup({ secure: true })` since other keys may hold the same bytes.
   *
   * Honest limits: on SSDs (wear levelling), copy-on-write file systems (btrfs, ZFS, APFS), snapshots, backups
   * and S3 versioning, overwriting does not guarantee that the old bytes are gone. Real protection is encryption
   * at rest with per-file keys that are destroyed (key shredding).
   */
  async secureDelete(key: string): Promise<SecureDeleteResult> {
    const path = this.localPath(key);
    const overwritten = path ? await overwriteFile(path) : null;
    const deleted = await this.store.delete(key);
    return { deleted, overwritten: overwritten !== null, bytesOverwritten: overwritten ?? 0 };
  }
}
