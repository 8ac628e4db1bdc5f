// The in-memory reference FileStore: what every backend must behave like, for tests and `memory:` URLs.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type {
  CopyOptions,
  FileBody,
  FileInfo,
  FileStore,
  FileStoreCapabilities,
  GetOptions,
  ListEntry,
  ListOptions,
  PutOptions,
  SignedUrlOptions,
} from '../../contracts/file-store.js';
import type { Page } from '../../contracts/page.js';
import { assertValidKey, assertValidPrefix } from '../../keys/validate-key.js';
import { pageWindow, toPage } from '../../pagination/cursor.js';
import { bodyChunks } from './body-chunks.js';
import {
  alreadyExistsError,
  checkByteRange,
  checkPutOptions,
  checksumMismatchError,
  copyInfo,
  cursorKey,
  fileNotFoundError,
  signedUrlUnsupportedError,
  storeClosedError,
  tooLargeError,
} from './file-options.js';
import { verifyingStream } from './verify-stream.js';

/** One stored object: its bytes and what `head` returns. */
export interface MemoryObject {
  data: Buffer;
  info: FileInfo;
}

// Reads are served in slices so a consumer sees a stream, not one giant chunk.
const READ_SLICE = 1024 * 1024;

/** A FileStore that keeps objects in a Map: atomic by construction, gone when the process ends. */
export class MemoryFileStore implements FileStore {
  readonly kind: string = 'memory';
  readonly capabilities: FileStoreCapabilities = {
    ranges: true,
    signedUrls: false,
    userMetadata: true,
    atomicMove: true,
    persistent: false,
  };
  /** The objects by key; subclasses (the broken variants of the tests) reach in here. */
  protected readonly objects = new Map<string, MemoryObject>();
  private closed = false;

  /** Consumes the body while hashing, then replaces the object in one step. */
  async put(key: string, body: FileBody, options?: PutOptions): Promise<FileInfo> {
    this.assertOpen();
    assertValidKey(key);
    const opts = checkPutOptions(options);
    const signal = options?.signal;
    signal?.throwIfAborted();
    if (opts.ifNotExists && this.objects.has(key)) throw alreadyExistsError(key);

    const hash = createHash('sha256');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const raw of bodyChunks(body)) {
      signal?.throwIfAborted();
      const chunk =
        typeof raw === 'string' ? Buffer.from(raw) : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
      size += chunk.length;
      if (size > opts.maxSize) throw tooLargeError(key, opts.maxSize);
      hash.update(chunk);
      chunks.push(chunk);
      options?.onProgress?.(size);
    }
    signal?.throwIfAborted();
    const sha256 = hash.digest('hex');
    if (opts.expectedSha256 !== undefined && opts.expectedSha256 !== sha256) {
      throw checksumMismatchError(key, opts.expectedSha256, sha256);
    }
    this.assertOpen();
    // Checked again at commit time: another put may have landed while this body streamed.
    if (opts.ifNotExists && this.objects.has(key)) throw alreadyExistsError(key);
    const info: FileInfo = {
      key,
      size,
      sha256,
      contentType: opts.contentType,
      metadata: opts.metadata,
      lastModified: new Date().toISOString(),
    };
    // Buffer.concat copies, so a caller reusing its buffers cannot change what is stored.
    this.objects.set(key, { data: Buffer.concat(chunks, size), info });
    return copyInfo(info);
  }

  /** The object (or a range of it) as a stream; `NOT_FOUND` is thrown here, not emitted. */
  async get(key: string, options?: GetOptions): Promise<Readable> {
    this.assertOpen();
    assertValidKey(key);
    const obj = this.objects.get(key);
    if (!obj) throw fileNotFoundError(key);
    const { data } = obj;
    let slice = data;
    if (options?.range) {
      const { start, end } = checkByteRange(key, options.range, data.length);
      slice = data.subarray(start, end + 1);
    }
    const stream = Readable.from(slices(slice), { objectMode: false });
    if (options?.verify && !options.range) return stream.pipe(verifyingStream(key, obj.info.sha256));
    return stream;
  }

  /** What is known about the object, or null. */
  async head(key: string): Promise<FileInfo | null> {
    this.assertOpen();
    assertValidKey(key);
    const obj = this.objects.get(key);
    return obj ? copyInfo(obj.info) : null;
  }

  /** Whether an object is stored under `key`. */
  async exists(key: string): Promise<boolean> {
    this.assertOpen();
    assertValidKey(key);
    return this.objects.has(key);
  }

  /** Removes the object; true when it existed. */
  async delete(key: string): Promise<boolean> {
    this.assertOpen();
    assertValidKey(key);
    return this.objects.delete(key);
  }

  /** Copies bytes, content type and metadata to `to`. */
  async copy(from: string, to: string, options?: CopyOptions): Promise<FileInfo> {
    this.assertOpen();
    assertValidKey(from);
    assertValidKey(to);
    const obj = this.objects.get(from);
    if (!obj) throw fileNotFoundError(from);
    if (from === to) return copyInfo(obj.info);
    if (options?.ifNotExists && this.objects.has(to)) throw alreadyExistsError(to);
    const info: FileInfo = { ...copyInfo(obj.info), key: to, lastModified: new Date().toISOString() };
    this.objects.set(to, { data: obj.data, info });
    return copyInfo(info);
  }

  /** Moves the object to `to` in one step. */
  async move(from: string, to: string, options?: CopyOptions): Promise<FileInfo> {
    const info = await this.copy(from, to, options);
    if (from !== to) this.objects.delete(from);
    return info;
  }

  /** Keys starting with `prefix`, ascending by code unit, paginated by the last key seen. */
  async list(options?: ListOptions): Promise<Page<ListEntry>> {
    this.assertOpen();
    const prefix = options?.prefix ?? '';
    assertValidPrefix(prefix);
    const { limit, after } = pageWindow(options, 1);
    const afterKey = after ? cursorKey(after) : undefined;
    const keys = [...this.objects.keys()]
      .filter((k) => k.startsWith(prefix) && (afterKey === undefined || k > afterKey))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .slice(0, limit + 1);
    const rows = keys.map((k) => {
      const { info } = this.objects.get(k) as MemoryObject;
      return { key: k, size: info.size, lastModified: info.lastModified };
    });
    return toPage(rows, limit, (e) => [e.key]);
  }

  /** Always `UNSUPPORTED`: memory has no URLs. */
  async signedUrl(key: string, _options?: SignedUrlOptions): Promise<string> {
    this.assertOpen();
    assertValidKey(key);
    throw signedUrlUnsupportedError(this.kind);
  }

  /** Drops every object; later calls reject with `CLOSED`. */
  async close(): Promise<void> {
    this.closed = true;
    this.objects.clear();
  }

  private assertOpen(): void {
    if (this.closed) throw storeClosedError(this.kind);
  }
}

function* slices(data: Buffer): Generator<Buffer> {
  for (let at = 0; at < data.length; at += READ_SLICE) yield data.subarray(at, at + READ_SLICE);
}
