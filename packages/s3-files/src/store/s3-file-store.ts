import type { Readable } from 'node:stream';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import {
  type CopyOptions,
  type FileBody,
  type FileInfo,
  type FileStore,
  type FileStoreCapabilities,
  type GetOptions,
  type IncompleteCleanup,
  type ListEntry,
  type ListOptions,
  type Page,
  type PutOptions,
  type SignedUrlOptions,
  StorageError,
} from '@vpe-storage/core';
import { createS3Client } from '../client/create-client.js';
import { resolveOptions, type S3FileStoreOptions } from '../config/options.js';
import { validateOptions } from '../config/validate-options.js';
import { checkKey, KeySpace } from '../keys/object-key.js';
import { abortStaleUploads } from './abort-stale-uploads.js';
import { type StoreContext, s3Call } from './context.js';
import { copyKey } from './copy-key.js';
import { getObject } from './get-object.js';
import { headRaw, toFileInfo } from './head-object.js';
import { listObjects } from './list-objects.js';
import { purgeTempObjects } from './purge-temp.js';
import { putObject } from './put-object.js';
import { deleteSidecar } from './sidecar.js';
import { signedUrl } from './signed-url.js';

/** A FileStore on an S3 bucket (AWS S3 or any S3-compatible server: MinIO, R2, Ceph, s3rver …). */
export class S3FileStore implements FileStore {
  readonly kind = 's3';
  readonly capabilities: FileStoreCapabilities = {
    ranges: true,
    signedUrls: true,
    userMetadata: true,
    atomicMove: false,
    persistent: true,
  };
  readonly #ctx: StoreContext;
  #closed = false;

  /** Opens a store on `options.bucket` under `options.prefix` (no request is made yet). */
  constructor(options: S3FileStoreOptions) {
    const resolved = resolveOptions(options);
    validateOptions(resolved);
    this.#ctx = {
      client: createS3Client(resolved),
      bucket: resolved.bucket,
      keys: new KeySpace(resolved.prefix),
      options: resolved,
      secrets: resolved.credentials ? [resolved.credentials.secretAccessKey] : [],
    };
  }

  /** The bucket and prefix (never the credentials), for logs. */
  toString(): string {
    return `s3://${this.#ctx.bucket}/${this.#ctx.keys.prefix}`;
  }

  #open(): StoreContext {
    if (this.#closed) throw new StorageError('CLOSED', `${this.toString()} is closed: open a new store`);
    return this.#ctx;
  }

  /** Stores a body under `key` atomically, hashing while streaming (see put-object.ts for the design). */
  async put(key: string, body: FileBody, options?: PutOptions): Promise<FileInfo> {
    return putObject(this.#open(), key, body, options);
  }

  /** The object (or an inclusive byte range) as a stream; rejects with NOT_FOUND itself. */
  async get(key: string, options?: GetOptions): Promise<Readable> {
    return getObject(this.#open(), key, options);
  }

  /** Size, sha256, content type, metadata and last write of `key`, or null. */
  async head(key: string): Promise<FileInfo | null> {
    const ctx = this.#open();
    checkKey(key);
    const out = await headRaw(ctx, key);
    return out === null ? null : toFileInfo(ctx, key, out);
  }

  /** Whether `key` exists (one HeadObject). */
  async exists(key: string): Promise<boolean> {
    const ctx = this.#open();
    checkKey(key);
    return (await headRaw(ctx, key)) !== null;
  }

  /** Deletes `key` (and its sha256 sidecar, best effort); S3's DeleteObject does not say whether it existed, so a HeadObject comes first. */
  async delete(key: string): Promise<boolean> {
    const ctx = this.#open();
    checkKey(key);
    if ((await headRaw(ctx, key)) === null) return false;
    await s3Call(ctx, { operation: 'DeleteObject', key }, () =>
      ctx.client.send(new DeleteObjectCommand({ Bucket: ctx.bucket, Key: ctx.keys.toObjectKey(key) })),
    );
    await deleteSidecar(ctx, key);
    return true;
  }

  /** Server-side copy with bytes, sha256, content type and metadata (multipart above 5 GiB). */
  async copy(from: string, to: string, options?: CopyOptions): Promise<FileInfo> {
    return copyKey(this.#open(), from, to, options);
  }

  /** Copy, then delete the source (S3 has no rename: not atomic, see `capabilities.atomicMove`). */
  async move(from: string, to: string, options: CopyOptions = {}): Promise<FileInfo> {
    const ctx = this.#open();
    const info = await this.copy(from, to, options);
    if (from !== to) {
      await s3Call(ctx, { operation: 'DeleteObject', key: from }, () =>
        ctx.client.send(new DeleteObjectCommand({ Bucket: ctx.bucket, Key: ctx.keys.toObjectKey(from) })),
      );
      await deleteSidecar(ctx, from);
    }
    return info;
  }

  /** Keys under a prefix in ascending order, paginated with an opaque cursor. */
  async list(options?: ListOptions): Promise<Page<ListEntry>> {
    return listObjects(this.#open(), options);
  }

  /** A presigned GET or PUT URL (default 1 hour, at most 7 days). */
  async signedUrl(key: string, options?: SignedUrlOptions): Promise<string> {
    return signedUrl(this.#open(), key, options);
  }

  /** Removes temp uploads older than `maxAgeMs` left by crashed processes; returns how many. */
  async purgeTemp(maxAgeMs = 24 * 3600 * 1000): Promise<number> {
    return (await purgeTempObjects(this.#open(), maxAgeMs)).removed;
  }

  /**
   * FileStore's `cleanupIncomplete`: {@link purgeTemp} plus an abort of the multipart uploads under the prefix
   * started more than `olderThanMs` ago (counted in `removed`; their parts' bytes are not counted).
   */
  async cleanupIncomplete(olderThanMs: number): Promise<IncompleteCleanup> {
    const ctx = this.#open();
    const temp = await purgeTempObjects(ctx, olderThanMs);
    const uploads = await abortStaleUploads(ctx, olderThanMs);
    return { removed: temp.removed + uploads, bytes: temp.bytes };
  }

  /** Closes the HTTP connections; later calls reject with CLOSED. Closing twice is harmless. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#ctx.client.destroy();
  }
}
