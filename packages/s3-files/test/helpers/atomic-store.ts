// s3rver 3.7 writes objects in place (a reader can see half a PUT), lists by walking folders (so
// "a/b" comes before "a-b", unlike S3) and keeps bytes and metadata in separate files written one
// after the other. This subclass of its FilesystemStore restores S3's guarantees the adapter relies
// on: whole-object writes (temp file + rename, under a per-key lock with the metadata), and
// listings in S3's UTF-8 binary key order. Everything else is s3rver's own code.
import { createHash, randomUUID } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  promises as fs,
  readdirSync,
  readFileSync,
  statSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { KeyLock } from './key-lock.js';

const require = createRequire(import.meta.url);

interface S3ObjectLike {
  bucket: string;
  key: string;
  content: Readable | Buffer;
  metadata: Record<string, string>;
}
interface FilesystemStoreLike {
  rootDirectory: string;
  getResourcePath(bucket: string, key: string | undefined, resource: string): string;
  getMetadata(bucket: string, key: string): Promise<Record<string, string | number>>;
  putMetadata(bucket: string, key: string, metadata: Record<string, string>, md5?: string): Promise<void>;
  getObject(bucket: string, key: string, options?: unknown): Promise<unknown>;
}
type StoreClass = new (root: string) => FilesystemStoreLike;

const FilesystemStore = require('s3rver/lib/stores/filesystem.js') as StoreClass;
const S3Object = require('s3rver/lib/models/object.js') as new (
  bucket: string,
  key: string,
  content: null,
  metadata: Record<string, string | number>,
) => unknown;

const OBJECT_SUFFIX = '._S3rver_object';
const HASHED = '~h-';

function hashedKey(key: string): string {
  const parts = key.split('/');
  const last = parts.pop() ?? '';
  if (Buffer.byteLength(last) + 24 <= 255) return key;
  return [...parts, HASHED + createHash('sha256').update(last).digest('hex')].join('/');
}

function isCode(err: unknown, code: string): boolean {
  return (err as { code?: string } | null)?.code === code;
}

async function writeHashed(content: Readable | Buffer, path: string): Promise<{ size: number; md5: string }> {
  const md5 = createHash('md5');
  let size = 0;
  const source = Buffer.isBuffer(content) ? Readable.from([content]) : content;
  await pipeline(
    source,
    async function* (chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) {
        md5.update(chunk);
        size += chunk.length;
        yield chunk;
      }
    },
    createWriteStream(path),
  );
  return { size, md5: md5.digest('hex') };
}

/** Builds the S3-faithful store class; `tmpDir` must be on the same file system as `root`. */
export function atomicStoreClass(tmpDir: string, locks: KeyLock): StoreClass {
  class AtomicStore extends FilesystemStore {
    // s3rver names files "<last segment>._S3rver_object": a 255-byte segment (valid in S3) is too
    // long for the file system, so long segments are stored under a hash with the key in a sidecar.
    override getResourcePath(bucket: string, key: string | undefined, resource: string): string {
      return super.getResourcePath(bucket, key === undefined ? undefined : hashedKey(key), resource);
    }

    async #install(
      bucket: string,
      key: string,
      tmp: string,
      writeMetadata: () => Promise<void>,
    ): Promise<void> {
      const objectPath = this.getResourcePath(bucket, key, 'object');
      await locks.run(`${bucket}/${key}`, async () => {
        for (let attempt = 0; ; attempt++) {
          await fs.mkdir(dirname(objectPath), { recursive: true });
          try {
            await fs.rename(tmp, objectPath);
            break;
          } catch (err) {
            // A concurrent delete may remove the freshly made empty folder: make it again.
            if (!isCode(err, 'ENOENT') || attempt > 5) throw err;
          }
        }
        if (hashedKey(key) !== key) await fs.writeFile(this.getResourcePath(bucket, key, 'keyname'), key);
        await writeMetadata();
      });
    }

    async putObject(object: S3ObjectLike): Promise<{ size: number; md5: string }> {
      const tmp = join(tmpDir, randomUUID());
      try {
        const result = await writeHashed(object.content, tmp);
        await this.#install(object.bucket, object.key, tmp, () =>
          this.putMetadata(object.bucket, object.key, object.metadata, result.md5),
        );
        return result;
      } finally {
        await fs.rm(tmp, { force: true });
      }
    }

    async copyObject(
      srcBucket: string,
      srcKey: string,
      destBucket: string,
      destKey: string,
      replacement: Record<string, string> | null,
    ): Promise<Record<string, string | number>> {
      const tmp = join(tmpDir, randomUUID());
      try {
        const snapshot = await locks.run(`${srcBucket}/${srcKey}`, async () => {
          await fs.copyFile(this.getResourcePath(srcBucket, srcKey, 'object'), tmp);
          const read = (resource: string) =>
            fs.readFile(this.getResourcePath(srcBucket, srcKey, resource), 'utf8').catch(() => null);
          return { json: await read('metadata.json'), md5: await read('object.md5') };
        });
        const md5 =
          snapshot.md5 ??
          createHash('md5')
            .update(await fs.readFile(tmp))
            .digest('hex');
        await this.#install(destBucket, destKey, tmp, async () => {
          if (replacement) {
            await this.putMetadata(destBucket, destKey, replacement, md5);
          } else {
            await this.putMetadata(
              destBucket,
              destKey,
              JSON.parse(snapshot.json ?? '{}') as Record<string, string>,
              md5,
            );
          }
        });
        return this.getMetadata(destBucket, destKey);
      } finally {
        await fs.rm(tmp, { force: true });
      }
    }

    override async getObject(
      bucket: string,
      key: string,
      options?: { start?: number; end?: number },
    ): Promise<unknown> {
      // The read stream is open before the lock is released: a later rename cannot tear it.
      return locks.run(`${bucket}/${key}`, async () => {
        // s3rver reads "bytes=N-0" as open-ended (end 0 is falsy): ask for the range N-N instead.
        if (options?.end === 0) {
          const object = (await super.getObject(bucket, key, { start: options.start })) as {
            content?: Readable;
            range?: { start: number; end: number };
          } | null;
          if (object?.content && object.range) {
            object.content.destroy();
            object.range = { start: 0, end: 0 };
            object.content = await new Promise<Readable>((resolve, reject) => {
              const stream = createReadStream(this.getResourcePath(bucket, key, 'object'), {
                start: 0,
                end: 0,
              })
                .on('error', reject)
                .on('open', () => resolve(stream));
            });
          }
          return object;
        }
        return super.getObject(bucket, key, options);
      });
    }

    async deleteObject(bucket: string, key: string): Promise<void> {
      await locks.run(`${bucket}/${key}`, async () => {
        for (const resource of ['object', 'object.md5', 'metadata.json', 'keyname']) {
          await fs.rm(this.getResourcePath(bucket, key, resource), { force: true });
        }
      });
      const parts = key.split('/').slice(0, -1);
      while (parts.length > 0) {
        try {
          await fs.rmdir(join(this.rootDirectory, bucket, ...parts));
        } catch {
          break; // not empty, or already gone
        }
        parts.pop();
      }
    }

    async listObjects(
      bucket: string,
      options: { delimiter?: string; startAfter?: string; prefix?: string; maxKeys?: number },
    ): Promise<{ objects: unknown[]; commonPrefixes: string[]; isTruncated: boolean }> {
      const { delimiter = '', startAfter = '', prefix = '', maxKeys = Number.POSITIVE_INFINITY } = options;
      const bucketPath = join(this.rootDirectory, bucket);
      const keys: string[] = [];
      const walk = (dir: string, rel: string): void => {
        let names: string[];
        try {
          names = readdirSync(dir);
        } catch {
          return;
        }
        for (const name of names) {
          const path = join(dir, name);
          let isDir = false;
          try {
            isDir = statSync(path).isDirectory();
          } catch {
            continue;
          }
          if (isDir) {
            if (!name.endsWith('._S3rver_uploads')) walk(path, `${rel}${name}/`);
          } else if (name.endsWith(OBJECT_SUFFIX)) {
            const base = name.slice(0, -OBJECT_SUFFIX.length);
            let key = rel + base;
            if (base.startsWith(HASHED)) {
              try {
                key = readFileSync(join(dir, `${base}._S3rver_keyname`), 'utf8');
              } catch {
                // a short key that merely looks hashed
              }
            }
            keys.push(key);
          }
        }
      };
      walk(bucketPath, '');
      // S3 orders keys by their UTF-8 bytes.
      keys.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
      const commonPrefixes = new Set<string>();
      const selected: string[] = [];
      let isTruncated = false;
      for (const key of keys) {
        if (!key.startsWith(prefix) || Buffer.compare(Buffer.from(key), Buffer.from(startAfter)) <= 0)
          continue;
        if (delimiter) {
          const idx = key.slice(prefix.length).indexOf(delimiter);
          if (idx !== -1) {
            commonPrefixes.add(key.slice(0, prefix.length + idx + 1));
            continue;
          }
        }
        if (selected.length >= maxKeys) {
          isTruncated = true;
          break;
        }
        selected.push(key);
      }
      const objects: unknown[] = [];
      for (const key of selected) {
        const metadata = await locks.run(`${bucket}/${key}`, () =>
          this.getMetadata(bucket, key).catch(() => null),
        );
        if (metadata) objects.push(new S3Object(bucket, key, null, metadata));
      }
      return { objects, commonPrefixes: [...commonPrefixes].sort(), isTruncated };
    }
  }
  return AtomicStore;
}
