import type { Readable } from 'node:stream';
import type { Page } from './page.js';

/** What a FileStore backend supports; the conformance suite skips only what is switched off here. */
export interface FileStoreCapabilities {
  /** `get(key, { range })` returns just those bytes. */
  ranges: boolean;
  /** `signedUrl()` works. */
  signedUrls: boolean;
  /** User metadata is stored and returned by `head`. */
  userMetadata: boolean;
  /** `move` is a single atomic rename (otherwise copy + delete). */
  atomicMove: boolean;
  /** Another instance on the same URL sees the same objects. */
  persistent: boolean;
}

/** Bytes to store: a Node stream, an async iterable of chunks, or bytes already in memory. */
export type FileBody = NodeJS.ReadableStream | Readable | AsyncIterable<Uint8Array> | Uint8Array;

/** Options of `put`. */
export interface PutOptions {
  contentType?: string;
  /** String key/values kept with the object (keys lowercase ASCII). */
  metadata?: Record<string, string>;
  /** Refuse (`ALREADY_EXISTS`) instead of replacing an existing object. */
  ifNotExists?: boolean;
  /** Reject with `INTEGRITY` (and store nothing) when the bytes do not hash to this. */
  expectedSha256?: string;
  /** Reject with `VALIDATION` (and store nothing) when the body is larger than this. */
  maxSize?: number;
  /** Called as bytes are written, with the running total. */
  onProgress?: (bytesWritten: number) => void;
  signal?: AbortSignal;
}

/** Everything known about a stored object. */
export interface FileInfo {
  key: string;
  size: number;
  /** Lowercase hex sha256 of the whole object. */
  sha256: string;
  contentType: string;
  metadata: Record<string, string>;
  /** ISO-8601 time of the last write. */
  lastModified: string;
}

/** A byte range, both ends inclusive (HTTP semantics); `end` defaults to the last byte. */
export interface ByteRange {
  start: number;
  end?: number;
}

/** Options of `get`. */
export interface GetOptions {
  range?: ByteRange;
  /** Hash while reading and fail the stream with `INTEGRITY` on a mismatch (whole-object reads only). */
  verify?: boolean;
  signal?: AbortSignal;
}

/** One entry of a listing. */
export interface ListEntry {
  key: string;
  size: number;
  lastModified: string;
}

/** Options of `list`. */
export interface ListOptions {
  /** Only keys starting with this string (plain prefix, not a folder). */
  prefix?: string;
  limit?: number;
  cursor?: string | null;
}

/** Options of `copy` and `move`. */
export interface CopyOptions {
  /** Refuse (`ALREADY_EXISTS`) instead of replacing an existing destination. */
  ifNotExists?: boolean;
}

/** Options of `signedUrl`. */
export interface SignedUrlOptions {
  method?: 'GET' | 'PUT';
  expiresInSeconds?: number;
}

/** What `cleanupIncomplete` removed: abandoned in-flight uploads and their bytes. */
export interface IncompleteCleanup {
  removed: number;
  bytes: number;
}

/**
 * The bytes. Keys are relative POSIX paths validated by core for every backend.
 * `put` is atomic: a reader sees the old object or the whole new one, never a part.
 */
export interface FileStore {
  readonly kind: string;
  readonly capabilities: FileStoreCapabilities;

  /** Stores a body under `key`, hashing while streaming; returns what was stored. */
  put(key: string, body: FileBody, options?: PutOptions): Promise<FileInfo>;
  /** The object as a stream; `NOT_FOUND` (thrown, not emitted) when missing. */
  get(key: string, options?: GetOptions): Promise<Readable>;
  head(key: string): Promise<FileInfo | null>;
  exists(key: string): Promise<boolean>;
  /** Removes the object; returns whether it existed. */
  delete(key: string): Promise<boolean>;
  copy(from: string, to: string, options?: CopyOptions): Promise<FileInfo>;
  move(from: string, to: string, options?: CopyOptions): Promise<FileInfo>;
  /** Keys in ascending code-unit order, paginated. */
  list(options?: ListOptions): Promise<Page<ListEntry>>;
  /** A URL that reads or writes the object without credentials; `UNSUPPORTED` without the capability. */
  signedUrl(key: string, options?: SignedUrlOptions): Promise<string>;
  /** Removes the backend's own abandoned in-flight uploads older than `olderThanMs` (optional; never a key). */
  cleanupIncomplete?(olderThanMs: number): Promise<IncompleteCleanup>;
  close(): Promise<void>;
}
