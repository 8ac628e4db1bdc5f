import type { BaseStorage } from '../../src/contracts/base-storage.js';
import type { Repositories } from '../../src/contracts/repositories.js';
import { VideoPrivacyStorage, type VideoPrivacyStorageOptions } from '../../src/facade/index.js';
import { MemoryCache, MemoryFileStore, MemoryStorage } from '../../src/memory/index.js';

/** The smallest bytes file-type recognises as MP4: an `ftyp` box (isom brand) followed by an `mdat`. */
export function fakeMp4(payload = 'frames'): Uint8Array {
  const ftyp = Buffer.alloc(32);
  ftyp.writeUInt32BE(32, 0);
  ftyp.write('ftypisom', 4, 'latin1');
  ftyp.writeUInt32BE(0x200, 12);
  ftyp.write('isomiso2avc1mp41', 16, 'latin1');
  const body = Buffer.from(payload);
  const mdat = Buffer.alloc(8);
  mdat.writeUInt32BE(8 + body.length, 0);
  mdat.write('mdat', 4, 'latin1');
  return Buffer.concat([ftyp, mdat, body]);
}

/** Metadata of the fake video. */
export const VIDEO_META = {
  filename: 'clip.mp4',
  duration: 5,
  frameRate: 25,
  width: 320,
  height: 240,
  codec: 'avc1',
};

/** A 16×16 frame of raw pixels, all `shade` (frame images need an encoded image or raw pixels). */
export function rawFrame(shade = 200): { data: Uint8Array; width: number; height: number; channels: 3 } {
  return { data: new Uint8Array(16 * 16 * 3).fill(shade), width: 16, height: 16, channels: 3 };
}

/** A facade over fresh memory backends (initialized). */
export async function memoryFacade(
  overrides: Partial<VideoPrivacyStorageOptions> = {},
): Promise<VideoPrivacyStorage> {
  const storage = overrides.storage ?? new MemoryStorage();
  await storage.initialize();
  return new VideoPrivacyStorage({
    storage,
    files: new MemoryFileStore(),
    cache: new MemoryCache(),
    ...overrides,
  });
}

/** `storage` with one repository method replaced (to make a record write fail after its file landed). */
export function failingRepo<R extends keyof Repositories>(
  storage: BaseStorage,
  repo: R,
  method: keyof Repositories[R],
  error: Error,
): BaseStorage {
  return patchedRepo(storage, repo, method, async () => Promise.reject(error));
}

// biome-ignore lint/suspicious/noExplicitAny: a stand-in for any repository method.
type AnyMethod = (...args: any[]) => Promise<any>;

/** `storage` with one repository method replaced by `impl`, which receives the original (bound) first. */
export function patchedRepo<R extends keyof Repositories>(
  storage: BaseStorage,
  repo: R,
  method: keyof Repositories[R],
  impl: (original: AnyMethod, ...args: unknown[]) => Promise<unknown>,
): BaseStorage {
  const target = storage[repo] as object;
  const patched = new Proxy(target, {
    get(t, prop) {
      if (prop === method) {
        const original = (Reflect.get(t, prop) as AnyMethod).bind(t);
        return (...args: unknown[]) => impl(original, ...args);
      }
      const value = Reflect.get(t, prop);
      return typeof value === 'function' ? value.bind(t) : value;
    },
  });
  return new Proxy(storage, {
    get(t, prop) {
      if (prop === repo) return patched;
      const value = Reflect.get(t, prop);
      return typeof value === 'function' ? value.bind(t) : value;
    },
  });
}

/** Every key in the FileStore of `facade`. */
export async function allKeys(facade: VideoPrivacyStorage): Promise<string[]> {
  const page = await facade.files.list({ limit: 10_000 });
  return page.items.map((e) => e.key);
}

/** The bytes stored under `key`. */
export async function readBytes(facade: VideoPrivacyStorage, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await facade.files.get(key)) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** The bytes stored under `key`, as text. */
export async function readText(facade: VideoPrivacyStorage, key: string): Promise<string> {
  return (await readBytes(facade, key)).toString('utf8');
}
