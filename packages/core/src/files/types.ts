import type { Readable } from 'node:stream';
import type { FrameFormat } from './layout.js';
import type { Sharp } from './load-sharp.js';

/** A file to store: a local path (hashed first), a stream, or bytes in memory. */
export type FileSource = string | Readable | NodeJS.ReadableStream | AsyncIterable<Uint8Array> | Uint8Array;

/** The limits a FileManager enforces (from `files.*` of the config). */
export interface FileLimits {
  maxFileSize: number;
  maxImageDimension: number;
  maxImageBytes: number;
  dedup: boolean;
}

/** Options of the {@link FileManager} constructor. */
export interface FileManagerOptions {
  /** Limits and dedup; defaults are the config's (10 GiB, 1920 px, 2 MiB, dedup off). */
  files?: Partial<FileLimits>;
  /** Temp files older than this are removed by cleanup (default 24). */
  tempMaxAgeHours?: number;
  /** Unreferenced videos, outputs, frames, models and blobs younger than this survive cleanup (default 1 hour). */
  cleanupGraceMs?: number;
  /**
   * The local file behind a key, for `secureDelete`; default: the store's `pathOf(key)` when it has one.
   * Return null for keys that are not local files.
   */
  resolveLocalPath?: (key: string) => string | null;
  /** How `sharp` is imported (tests inject a failing importer). */
  importSharp?: () => Promise<{ default: Sharp }>;
}

/** Common fields of every stored file. */
export interface StoredFile {
  key: string;
  sha256: string;
  size: number;
  /** True when the bytes were already stored (dedup) and only a pointer was written. */
  deduplicated: boolean;
}

/** Options of `storeVideo`. */
export interface StoreVideoOptions {
  /** Video id (default: a new UUIDv7). */
  id?: string;
  /** Original file name, kept as metadata `vpe-filename` (URI-encoded); the extension comes from the bytes. */
  filename?: string;
  /** Date of the `YYYYMM` folder (UTC); default now. */
  now?: Date;
}

/** A stored video. */
export interface StoredVideo extends StoredFile {
  /** `mp4`, `m4v`, `mov`, `mkv`, `webm` or `avi`. */
  container: string;
  mime: string;
}

/** Options of `storeFrameImage`. */
export interface StoreFrameOptions {
  annotationId: string;
  /** Position of the frame in the video, in milliseconds (floored). */
  timestampMs: number;
  /** Date of the `YYYYMM/DD` folders (UTC); default now. */
  now?: Date;
}

/** A stored frame image. */
export interface StoredFrame extends StoredFile {
  width: number;
  height: number;
  format: FrameFormat;
}

/** Options of `storeModel`. */
export interface StoreModelOptions {
  id: string;
  modelType: string;
  /** Default `1.0`. */
  version?: string;
  /** Default `bin`. */
  ext?: string;
  /** Replace an existing model with the same id, type and version (default: `ALREADY_EXISTS`). */
  replace?: boolean;
}

/** What `secureDelete` did. */
export interface SecureDeleteResult {
  /** The key existed and was removed. */
  deleted: boolean;
  /** The bytes were overwritten in place before removal (local files only). */
  overwritten: boolean;
  bytesOverwritten: number;
}
