import { Readable } from 'node:stream';
import type {
  CopyOptions,
  FileBody,
  FileInfo,
  FileStore,
  GetOptions,
  IncompleteCleanup,
  ListEntry,
  ListOptions,
  Page,
  PutOptions,
  SignedUrlOptions,
} from '../../index.js';

/** Forwards every call to `inner`; subclasses change one behaviour. Has no `pathOf`: looks remote. */
export class ForwardingStore implements FileStore {
  constructor(protected readonly inner: FileStore) {}
  get kind(): string {
    return `view(${this.inner.kind})`;
  }
  get capabilities() {
    return this.inner.capabilities;
  }
  put(key: string, body: FileBody, options?: PutOptions): Promise<FileInfo> {
    return this.inner.put(key, body, options);
  }
  get(key: string, options?: GetOptions): Promise<Readable> {
    return this.inner.get(key, options);
  }
  head(key: string): Promise<FileInfo | null> {
    return this.inner.head(key);
  }
  exists(key: string): Promise<boolean> {
    return this.inner.exists(key);
  }
  delete(key: string): Promise<boolean> {
    return this.inner.delete(key);
  }
  copy(from: string, to: string, options?: CopyOptions): Promise<FileInfo> {
    return this.inner.copy(from, to, options);
  }
  move(from: string, to: string, options?: CopyOptions): Promise<FileInfo> {
    return this.inner.move(from, to, options);
  }
  list(options?: ListOptions): Promise<Page<ListEntry>> {
    return this.inner.list(options);
  }
  signedUrl(key: string, options?: SignedUrlOptions): Promise<string> {
    return this.inner.signedUrl(key, options);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

/** Lists at most `pageSize` entries per call and counts the calls (proves cleanup paginates). */
export class SmallPagesStore extends ForwardingStore {
  listCalls = 0;
  constructor(
    inner: FileStore,
    private readonly pageSize: number,
  ) {
    super(inner);
  }
  override list(options: ListOptions = {}): Promise<Page<ListEntry>> {
    this.listCalls += 1;
    return this.inner.list({ ...options, limit: Math.min(options.limit ?? this.pageSize, this.pageSize) });
  }
}

/** Returns the stored bytes with one byte flipped (a disk or network that corrupts on read-back). */
export class CorruptReadsStore extends ForwardingStore {
  override async get(key: string, options?: GetOptions): Promise<Readable> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.inner.get(key, options))
      chunks.push(Buffer.from(chunk as Uint8Array));
    const bytes = Buffer.concat(chunks);
    if (bytes.length > 0) bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 0xff;
    return Readable.from([bytes]);
  }
}

/** Runs `hook` once, right after the first listing page of `prefix` that is the last one (a writer racing a scan). */
export class RacingListStore extends ForwardingStore {
  constructor(
    inner: FileStore,
    private readonly prefix: string,
    private hook: (() => Promise<void>) | undefined,
  ) {
    super(inner);
  }
  override async list(options: ListOptions = {}): Promise<Page<ListEntry>> {
    const page = await this.inner.list(options);
    const hook = this.hook;
    if (hook && (options.prefix ?? '') === this.prefix && page.nextCursor === null) {
      this.hook = undefined;
      await hook();
    }
    return page;
  }
}

/** Has a `cleanupIncomplete` that records its ages and reports `result` (proves cleanup calls it). */
export class IncompleteSpyStore extends ForwardingStore {
  readonly ages: number[] = [];
  constructor(
    inner: FileStore,
    private readonly result: IncompleteCleanup,
  ) {
    super(inner);
  }
  async cleanupIncomplete(olderThanMs: number): Promise<IncompleteCleanup> {
    this.ages.push(olderThanMs);
    return this.result;
  }
}
