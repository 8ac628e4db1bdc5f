import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import {
  assertValidKey,
  type FileBody,
  type FileInfo,
  type FileStore,
  type ListEntry,
  type ListOptions,
  type Page,
  type PutOptions,
  StorageError,
} from '../../../src/index.js';

interface Meta {
  sha256: string;
  contentType: string;
  metadata: Record<string, string>;
  lastModified: string;
}

/**
 * A tiny FileStore on a folder, for these tests only (until MemoryFileStore and LocalFileStore land): real files
 * (so secure delete can be checked on the inode), metadata in memory, `pathOf(key)` like LocalFileStore.
 */
export class DiskTestStore implements FileStore {
  readonly kind = 'disk-test';
  readonly capabilities = {
    ranges: false,
    signedUrls: false,
    userMetadata: true,
    atomicMove: true,
    persistent: false,
  };
  private readonly meta = new Map<string, Meta>();
  private seq = 0;

  constructor(readonly root: string) {}

  /** The file behind `key`. */
  pathOf(key: string): string {
    assertValidKey(key);
    return join(this.root, 'objects', key);
  }

  async put(key: string, body: FileBody, options: PutOptions = {}): Promise<FileInfo> {
    assertValidKey(key);
    if (options.ifNotExists && this.meta.has(key)) throw new StorageError('ALREADY_EXISTS', `${key} exists`);
    const chunks: Buffer[] = [];
    let size = 0;
    const source = body instanceof Uint8Array ? [body] : (body as AsyncIterable<Uint8Array>);
    for await (const chunk of source) {
      size += chunk.length;
      if (options.maxSize !== undefined && size > options.maxSize) {
        throw new StorageError('VALIDATION', `body over maxSize ${options.maxSize}`);
      }
      chunks.push(Buffer.from(chunk));
    }
    const bytes = Buffer.concat(chunks);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (options.expectedSha256 && options.expectedSha256 !== sha256)
      throw new StorageError('INTEGRITY', 'sha mismatch');
    if (options.ifNotExists && this.meta.has(key)) throw new StorageError('ALREADY_EXISTS', `${key} exists`);
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    const tmp = join(this.root, `tmp-${++this.seq}`);
    await writeFile(tmp, bytes);
    await rename(tmp, path);
    this.meta.set(key, {
      sha256,
      contentType: options.contentType ?? 'application/octet-stream',
      metadata: { ...(options.metadata ?? {}) },
      lastModified: new Date().toISOString(),
    });
    return this.info(key, bytes.length);
  }

  private info(key: string, size: number): FileInfo {
    const m = this.meta.get(key) as Meta;
    return {
      key,
      size,
      sha256: m.sha256,
      contentType: m.contentType,
      metadata: { ...m.metadata },
      lastModified: m.lastModified,
    };
  }

  async get(key: string): Promise<Readable> {
    if (!this.meta.has(key)) throw new StorageError('NOT_FOUND', `${key} not found`);
    return createReadStream(this.pathOf(key));
  }

  async head(key: string): Promise<FileInfo | null> {
    if (!this.meta.has(key)) return null;
    return this.info(key, (await stat(this.pathOf(key))).size);
  }

  async exists(key: string): Promise<boolean> {
    return this.meta.has(key);
  }

  async delete(key: string): Promise<boolean> {
    if (!this.meta.delete(key)) return false;
    await rm(this.pathOf(key), { force: true });
    return true;
  }

  async copy(from: string, to: string): Promise<FileInfo> {
    const m = this.meta.get(from);
    if (!m) throw new StorageError('NOT_FOUND', `${from} not found`);
    const bytes = await readFile(this.pathOf(from));
    return this.put(to, bytes, { contentType: m.contentType, metadata: m.metadata });
  }

  async move(from: string, to: string): Promise<FileInfo> {
    const m = this.meta.get(from);
    if (!m) throw new StorageError('NOT_FOUND', `${from} not found`);
    await mkdir(dirname(this.pathOf(to)), { recursive: true });
    await rename(this.pathOf(from), this.pathOf(to));
    this.meta.delete(from);
    this.meta.set(to, { ...m, lastModified: new Date().toISOString() });
    return this.info(to, (await stat(this.pathOf(to))).size);
  }

  async list(options: ListOptions = {}): Promise<Page<ListEntry>> {
    const prefix = options.prefix ?? '';
    const limit = options.limit ?? 100;
    const keys = [...this.meta.keys()]
      .filter((k) => k.startsWith(prefix) && (!options.cursor || k > options.cursor))
      .sort();
    const items: ListEntry[] = [];
    for (const key of keys.slice(0, limit)) {
      const m = this.meta.get(key) as Meta;
      items.push({ key, size: (await stat(this.pathOf(key))).size, lastModified: m.lastModified });
    }
    return { items, nextCursor: keys.length > limit ? (items.at(-1)?.key ?? null) : null };
  }

  async signedUrl(): Promise<string> {
    throw new StorageError('UNSUPPORTED', 'no signed URLs');
  }

  async close(): Promise<void> {}
}
