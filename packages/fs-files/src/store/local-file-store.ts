// FileStore on a local folder: temp file + fsync + rename for atomic puts, JSON sidecars for metadata.
import { constants, type Stats } from 'node:fs';
import {
  copyFile,
  link,
  lstat,
  mkdir,
  open,
  readdir,
  realpath,
  rename,
  rm,
  rmdir,
  unlink,
} from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline, type Readable } from 'node:stream';
import {
  alreadyExistsError,
  assertValidKey,
  assertValidPrefix,
  type CopyOptions,
  checkByteRange,
  checkPutOptions,
  checksumMismatchError,
  cursorKey,
  DEFAULT_CONTENT_TYPE,
  type FileBody,
  type FileInfo,
  type FileStore,
  type FileStoreCapabilities,
  fileNotFoundError,
  type GetOptions,
  type IncompleteCleanup,
  type ListEntry,
  type ListOptions,
  type Page,
  type PutOptions,
  pageWindow,
  type SignedUrlOptions,
  StorageError,
  signedUrlUnsupportedError,
  storeClosedError,
  toPage,
  verifyingStream,
} from '@vpe-storage/core';
import { fsyncDir } from '../disk/fsync-dir.js';
import { CHUNK, hashFile } from '../disk/hash-file.js';
import { KeyLocks } from '../disk/key-locks.js';
import { errnoOf, mapFsError } from '../disk/map-fs-error.js';
import { tempName, writeTemp } from '../disk/write-temp.js';
import { walkKeys } from '../listing/walk-keys.js';
import { assertParentInside, lstatObject } from './contain.js';
import { type Layout, layoutOf, objectPath, sidecarPath } from './layout.js';
import { type CheckedOptions, checkOptions, type LocalFileStoreOptions } from './options.js';
import {
  commitSidecar,
  findStagedSidecar,
  infoFrom,
  isFresh,
  readSidecar,
  type Sidecar,
  sidecarFor,
  stageSidecar,
} from './sidecar.js';

const READ_NOFOLLOW = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

/** What {@link LocalFileStore.cleanupTemp} removed. */
export interface TempCleanup {
  files: number;
  bytes: number;
}

/** A FileStore on a local folder (the embedded default): atomic, streaming, crash-safe. */
export class LocalFileStore implements FileStore {
  readonly kind: string = 'local';
  readonly capabilities: FileStoreCapabilities = {
    ranges: true,
    signedUrls: false,
    userMetadata: true,
    atomicMove: true,
    persistent: true,
  };
  /** The absolute root folder. */
  readonly root: string;
  private readonly options: CheckedOptions;
  private readonly layout: Layout;
  private readonly locks = new KeyLocks();
  private ready: Promise<string> | undefined;
  private closed = false;

  /** A store on `options.root` (folders are created on first use). */
  constructor(options: LocalFileStoreOptions) {
    this.options = checkOptions(options);
    this.root = this.options.root;
    this.layout = layoutOf(this.root);
  }

  /** Streams `body` into a temp file while hashing, syncs it, then renames it over `key`. */
  async put(key: string, body: FileBody, options?: PutOptions): Promise<FileInfo> {
    const realObjects = await this.begin(key);
    const opts = checkPutOptions(options);
    options?.signal?.throwIfAborted();
    const path = objectPath(this.layout, key);
    return this.guard('put', key, async () => {
      await assertParentInside(realObjects, path, key);
      if (opts.ifNotExists && (await lstatObject(path, key))?.isFile()) throw alreadyExistsError(key);
      const tmp = await writeTemp(this.layout.temp, body, {
        key,
        maxSize: Math.min(opts.maxSize, this.options.maxFileSize),
        durable: this.options.fsync,
        onProgress: options?.onProgress,
        signal: options?.signal,
      });
      try {
        if (opts.expectedSha256 !== undefined && opts.expectedSha256 !== tmp.sha256) {
          throw checksumMismatchError(key, opts.expectedSha256, tmp.sha256);
        }
        options?.signal?.throwIfAborted();
        const info: FileInfo = {
          key,
          size: tmp.size,
          sha256: tmp.sha256,
          contentType: opts.contentType,
          metadata: opts.metadata,
          lastModified: tmp.stats.mtime.toISOString(),
        };
        await this.commit(key, tmp.path, path, sidecarFor(info, tmp.stats), realObjects, opts.ifNotExists);
        return info;
      } finally {
        await rm(tmp.path, { force: true });
      }
    });
  }

  /** Opens the file first (so `NOT_FOUND` is thrown here), then streams it or a range of it in 1 MiB chunks. */
  async get(key: string, options?: GetOptions): Promise<Readable> {
    const realObjects = await this.begin(key);
    const path = objectPath(this.layout, key);
    return this.guard('get', key, async () => {
      await assertParentInside(realObjects, path, key);
      const fh = await open(path, READ_NOFOLLOW).catch((err: unknown) => {
        const errno = errnoOf(err);
        throw errno === 'ENOENT' || errno === 'ENOTDIR' ? fileNotFoundError(key) : err;
      });
      try {
        const st = await fh.stat();
        if (!st.isFile()) throw fileNotFoundError(key);
        const range = options?.range ? checkByteRange(key, options.range, st.size) : undefined;
        let expected: string | undefined;
        if (options?.verify && !range) {
          const sc = await readSidecar(sidecarPath(this.layout, key));
          // Without a sidecar that matches the file there is no recorded hash to check against.
          if (isFresh(sc, st, key)) expected = sc.sha256;
        }
        const stream = fh.createReadStream({
          highWaterMark: CHUNK,
          ...(range ? { start: range.start, end: range.end } : {}),
          ...(options?.signal ? { signal: options.signal } : {}),
        });
        if (expected === undefined) return stream;
        return pipeline(stream, verifyingStream(key, expected), () => {});
      } catch (err) {
        await fh.close();
        throw err;
      }
    });
  }

  /** Size, sha256, content type and metadata; recomputes (and repairs) a sidecar a crash left stale. */
  async head(key: string): Promise<FileInfo | null> {
    const realObjects = await this.begin(key);
    const path = objectPath(this.layout, key);
    return this.guard('head', key, async () => {
      await assertParentInside(realObjects, path, key);
      const st = await lstatObject(path, key);
      if (!st?.isFile()) return null;
      const scPath = sidecarPath(this.layout, key);
      const sc = await readSidecar(scPath);
      if (isFresh(sc, st, key)) return infoFrom(sc, st);
      // A put of this process may be between its rename and its sidecar: wait for it, then look again.
      await this.locks.run([key], async () => {});
      return this.repair(key, path, scPath);
    });
  }

  /** Whether a regular file is stored under `key`. */
  async exists(key: string): Promise<boolean> {
    const realObjects = await this.begin(key);
    const path = objectPath(this.layout, key);
    return this.guard('exists', key, async () => {
      await assertParentInside(realObjects, path, key);
      return (await lstatObject(path, key))?.isFile() === true;
    });
  }

  /** Removes the file and its sidecar, then any folders left empty; false when nothing was there. */
  async delete(key: string): Promise<boolean> {
    const realObjects = await this.begin(key);
    const path = objectPath(this.layout, key);
    return this.guard('delete', key, async () => {
      await assertParentInside(realObjects, path, key);
      return this.locks.run([key], async () => {
        if (!(await lstatObject(path, key))?.isFile()) return false;
        try {
          await unlink(path);
        } catch (err) {
          if (errnoOf(err) === 'ENOENT') return false;
          throw err;
        }
        await rm(sidecarPath(this.layout, key), { force: true });
        if (this.options.fsync) await fsyncDir(dirname(path));
        await this.pruneEmptyFolders(dirname(path));
        return true;
      });
    });
  }

  /** Copies with fs.copyFile (reflink or copy_file_range where the kernel can) into a temp file, then commits like put. */
  async copy(from: string, to: string, options?: CopyOptions): Promise<FileInfo> {
    const realObjects = await this.begin(from, to);
    const src = objectPath(this.layout, from);
    const dst = objectPath(this.layout, to);
    return this.guard('copy', to, async () => {
      await assertParentInside(realObjects, src, from);
      await assertParentInside(realObjects, dst, to);
      const st = await lstatObject(src, from);
      if (!st?.isFile()) throw fileNotFoundError(from);
      const source = await this.describe(from, src, st);
      if (from === to) return source;
      if (options?.ifNotExists && (await lstatObject(dst, to))?.isFile()) throw alreadyExistsError(to);
      const tmp = tempName(this.layout.temp);
      try {
        await copyFile(src, tmp, constants.COPYFILE_FICLONE);
        const after = await lstat(src);
        if (after.ino !== st.ino || after.mtimeMs !== st.mtimeMs || after.size !== st.size) {
          throw new StorageError(
            'CONFLICT',
            `file ${JSON.stringify(from)} changed while it was copied: retry the copy`,
          );
        }
        const tmpStats = await this.syncFile(tmp);
        const info: FileInfo = { ...source, key: to, lastModified: tmpStats.mtime.toISOString() };
        await this.commit(
          to,
          tmp,
          dst,
          sidecarFor(info, tmpStats),
          realObjects,
          options?.ifNotExists === true,
        );
        return info;
      } finally {
        await rm(tmp, { force: true });
      }
    });
  }

  /** Renames the file (atomic on one file system) and moves its sidecar along. */
  async move(from: string, to: string, options?: CopyOptions): Promise<FileInfo> {
    const realObjects = await this.begin(from, to);
    const src = objectPath(this.layout, from);
    const dst = objectPath(this.layout, to);
    return this.guard('move', to, async () => {
      await assertParentInside(realObjects, src, from);
      await assertParentInside(realObjects, dst, to);
      if (from === to) {
        const info = await this.head(from);
        if (!info) throw fileNotFoundError(from);
        return info;
      }
      return this.renameLocked(from, to, src, dst, realObjects, options?.ifNotExists === true);
    });
  }

  /** The rename path of move, under the locks of both keys. */
  private renameLocked(
    from: string,
    to: string,
    src: string,
    dst: string,
    realObjects: string,
    createOnly: boolean,
  ): Promise<FileInfo> {
    return this.locks.run([from, to], async () => {
      const st = await lstatObject(src, from);
      if (!st?.isFile()) throw fileNotFoundError(from);
      const source = await this.describe(from, src, st);
      const info: FileInfo = { ...source, key: to };
      const staged = await stageSidecar(this.layout.temp, sidecarFor(info, st), this.options.fsync);
      try {
        await this.placeFile(src, dst, to, realObjects, createOnly);
        if (createOnly) await unlink(src);
        await commitSidecar(staged, sidecarPath(this.layout, to));
      } finally {
        await rm(staged, { force: true });
      }
      await rm(sidecarPath(this.layout, from), { force: true });
      if (this.options.fsync) {
        await Promise.all([
          fsyncDir(dirname(src)),
          fsyncDir(dirname(dst)),
          fsyncDir(dirname(sidecarPath(this.layout, to))),
        ]);
      }
      await this.pruneEmptyFolders(dirname(src));
      return info;
    });
  }

  /** Keys in ascending code-unit order, read folder by folder from the prefix's folder (temp and sidecars never show). */
  async list(options?: ListOptions): Promise<Page<ListEntry>> {
    this.assertOpen();
    const prefix = options?.prefix ?? '';
    assertValidPrefix(prefix);
    const { limit, after } = pageWindow(options, 1);
    const afterKey = after ? cursorKey(after) : undefined;
    const realObjects = await this.ready$();
    return this.guard('list', prefix, async () => {
      const folder = prefix.slice(0, prefix.lastIndexOf('/') + 1);
      if (folder) await assertParentInside(realObjects, join(this.layout.objects, folder, 'x'), prefix);
      const rows: ListEntry[] = [];
      for await (const key of walkKeys(this.layout.objects, prefix, afterKey)) {
        const st = await lstat(objectPath(this.layout, key)).catch(() => null);
        if (!st?.isFile()) continue; // removed since the folder was read
        rows.push({ key, size: st.size, lastModified: st.mtime.toISOString() });
        if (rows.length > limit) break;
      }
      return toPage(rows, limit, (e) => [e.key]);
    });
  }

  /** The absolute path of the file that holds `key` (whether or not it exists); for tools that need the file itself. */
  pathOf(key: string): string {
    assertValidKey(key);
    return objectPath(this.layout, key);
  }

  /** Always `UNSUPPORTED`: a local folder has no URLs. */
  async signedUrl(key: string, _options?: SignedUrlOptions): Promise<string> {
    this.assertOpen();
    assertValidKey(key);
    throw signedUrlUnsupportedError(this.kind);
  }

  /** Later calls reject with `CLOSED`; streams already handed out keep working. */
  async close(): Promise<void> {
    this.closed = true;
  }

  /**
   * Removes temp files (of writes a crash or kill cut short) older than `olderThanMs`.
   * `cleanupTemp(0)` also removes the temp files of writes still running: use it only when none run.
   */
  async cleanupTemp(olderThanMs: number): Promise<TempCleanup> {
    if (!Number.isFinite(olderThanMs) || olderThanMs < 0) {
      throw new StorageError(
        'VALIDATION',
        `invalid olderThanMs ${olderThanMs}: use a number of milliseconds ≥ 0`,
      );
    }
    await this.ready$();
    return this.guard('cleanupTemp', '.vpe-tmp', async () => {
      const cutoff = Date.now() - olderThanMs;
      const result: TempCleanup = { files: 0, bytes: 0 };
      for (const name of await readdir(this.layout.temp)) {
        const path = join(this.layout.temp, name);
        const st = await lstat(path).catch(() => null);
        if (!st || st.mtimeMs > cutoff) continue;
        await rm(path, { force: true, recursive: true });
        result.files++;
        result.bytes += st.size;
      }
      return result;
    });
  }

  /** FileStore's `cleanupIncomplete`: {@link cleanupTemp}, the temp files of writes a crash or kill cut short. */
  async cleanupIncomplete(olderThanMs: number): Promise<IncompleteCleanup> {
    this.assertOpen();
    const { files, bytes } = await this.cleanupTemp(olderThanMs);
    return { removed: files, bytes };
  }

  // ── internals ──────────────────────────────────────────────────────────────────────────────

  private assertOpen(): void {
    if (this.closed) throw storeClosedError(this.kind);
  }

  /** Checks the store is open and the keys valid; returns the real path of the objects folder. */
  private async begin(...keys: string[]): Promise<string> {
    this.assertOpen();
    for (const key of keys) assertValidKey(key);
    return this.ready$();
  }

  private ready$(): Promise<string> {
    this.ready ??= (async () => {
      await Promise.all(
        [this.layout.objects, this.layout.meta, this.layout.temp].map((d) => mkdir(d, { recursive: true })),
      );
      return realpath(this.layout.objects);
    })().catch((err: unknown) => {
      this.ready = undefined;
      throw mapFsError(err, 'open store at', this.root);
    });
    return this.ready;
  }

  private async guard<T>(op: string, key: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw mapFsError(err, op, key);
    }
  }

  /** Puts a complete temp file in place under the key's lock, sidecar right after, then syncs the folders. */
  private async commit(
    key: string,
    tmp: string,
    path: string,
    sc: Sidecar,
    realObjects: string,
    ifNotExists: boolean,
  ): Promise<void> {
    // Staged before the data moves, so running out of space cannot leave new bytes with a failed put.
    const staged = await stageSidecar(this.layout.temp, sc, this.options.fsync);
    const scPath = sidecarPath(this.layout, key);
    try {
      await this.locks.run([key], async () => {
        await this.placeFile(tmp, path, key, realObjects, ifNotExists);
        await commitSidecar(staged, scPath);
      });
    } finally {
      await rm(staged, { force: true });
    }
    if (this.options.fsync) await Promise.all([fsyncDir(dirname(path)), fsyncDir(dirname(scPath))]);
  }

  /** rename (replace) or link (create only) `src` to `dest`, creating folders; retried when a delete prunes them. */
  private async placeFile(
    src: string,
    dest: string,
    key: string,
    realObjects: string,
    createOnly: boolean,
  ): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      await mkdir(dirname(dest), { recursive: true }).catch((err: unknown) => {
        const errno = errnoOf(err);
        if (errno === 'EEXIST' || errno === 'ENOTDIR')
          throw conflictError(key, 'a part of the key is an object, not a folder');
        throw err;
      });
      await assertParentInside(realObjects, dest, key);
      try {
        if (createOnly) await link(src, dest);
        else await rename(src, dest);
        return;
      } catch (err) {
        const errno = errnoOf(err);
        if (errno === 'ENOENT' && attempt < 5) continue;
        if (errno === 'EEXIST') {
          if ((await lstat(dest).catch(() => null))?.isDirectory())
            throw conflictError(key, 'the key is a folder of other keys');
          throw alreadyExistsError(key);
        }
        if (errno === 'EISDIR' || errno === 'ENOTEMPTY')
          throw conflictError(key, 'the key is a folder of other keys');
        throw err;
      }
    }
  }

  /** The FileInfo of a file from its sidecar, or recomputed from its bytes (no locks, no repair). */
  private async describe(key: string, path: string, st: Stats): Promise<FileInfo> {
    const sc = await readSidecar(sidecarPath(this.layout, key));
    if (isFresh(sc, st, key)) return infoFrom(sc, st);
    const fh = await open(path, READ_NOFOLLOW);
    try {
      const { sha256, size } = await hashFile(fh);
      return {
        key,
        size,
        sha256,
        contentType: DEFAULT_CONTENT_TYPE,
        metadata: {},
        lastModified: st.mtime.toISOString(),
      };
    } finally {
      await fh.close();
    }
  }

  /**
   * Rebuilds the sidecar of a file whose sidecar is missing or stale (a crash between the data
   * rename and the sidecar rename): from the sidecar that put staged in the temp folder when it is
   * still there (nothing lost), else by recomputing the sha256 from the bytes (content type and
   * metadata of that never-resolved put are then lost; its bytes are whole).
   */
  private async repair(key: string, path: string, scPath: string): Promise<FileInfo | null> {
    const fh = await open(path, READ_NOFOLLOW).catch((err: unknown) => {
      if (errnoOf(err) === 'ENOENT') return null;
      throw err;
    });
    if (!fh) return null;
    try {
      const st = await fh.stat();
      if (!st.isFile()) return null;
      const staged = await findStagedSidecar(this.layout.temp, key, st);
      let computed: FileInfo;
      if (staged) {
        computed = infoFrom(staged, st);
      } else {
        const { sha256 } = await hashFile(fh);
        computed = {
          key,
          size: st.size,
          sha256,
          contentType: DEFAULT_CONTENT_TYPE,
          metadata: {},
          lastModified: st.mtime.toISOString(),
        };
      }
      return await this.locks.run([key], async () => {
        const now = await lstat(path).catch(() => null);
        if (!now || now.ino !== st.ino || now.mtimeMs !== st.mtimeMs || now.size !== st.size) return computed;
        const current = await readSidecar(scPath);
        if (isFresh(current, now, key)) return infoFrom(current, now);
        // A fresh copy, never the staged file itself: another process may still be about to rename it.
        const copy = await stageSidecar(this.layout.temp, sidecarFor(computed, st), false);
        try {
          await commitSidecar(copy, scPath);
        } finally {
          await rm(copy, { force: true });
        }
        return computed;
      });
    } finally {
      await fh.close();
    }
  }

  /** fsyncs a file (when durable) and returns its stats. */
  private async syncFile(path: string): Promise<Stats> {
    const fh = await open(path, 'r+');
    try {
      if (this.options.fsync) await fh.datasync();
      return await fh.stat();
    } finally {
      await fh.close();
    }
  }

  /** Removes folders left empty, up to (not including) the objects folder. */
  private async pruneEmptyFolders(dir: string): Promise<void> {
    let current = dir;
    while (current.startsWith(this.layout.objects + '/') && current !== this.layout.objects) {
      try {
        await rmdir(current);
      } catch {
        return;
      }
      current = dirname(current);
    }
  }
}

function conflictError(key: string, why: string): StorageError {
  return new StorageError('CONFLICT', `cannot store ${JSON.stringify(key)}: ${why}; pick another key`, {
    details: { key },
  });
}
