import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { FileManager, type FileManagerOptions, type FileStore } from '../../index.js';
import { readAll } from '../assert.js';

/** A fresh, empty FileStore for one test. */
export interface StoreHarness {
  store: FileStore;
  /** The file behind a key when the store is on local disk (enables the overwrite cases of secure delete). */
  localPath?: (key: string) => string | null;
  /**
   * Leaves one abandoned in-flight upload in the store's own temp area, as a killed `put` would (stores with
   * `cleanupIncomplete`); resolves to a check of whether that leftover is still there.
   */
  abandonUpload?: () => Promise<() => Promise<boolean>>;
  dispose(): Promise<void>;
}

/** Makes a fresh harness per test. */
export type HarnessFactory = () => Promise<StoreHarness>;

/** Per-test state: the harness, a scratch folder for source files, and a FileManager factory. */
export interface TestContext {
  harness: StoreHarness;
  scratch: string;
  manager(options?: FileManagerOptions, store?: FileStore): FileManager;
}

/** Registers before/after hooks and returns the (mutable) context the tests read. */
export function useContext(factory: HarnessFactory): TestContext {
  const ctx = {} as TestContext;
  beforeEach(async () => {
    ctx.harness = await factory();
    ctx.scratch = await mkdtemp(join(tmpdir(), 'vpe-fm-src-'));
    ctx.manager = (options = {}, store = ctx.harness.store) =>
      new FileManager(store, {
        ...(ctx.harness.localPath && store === ctx.harness.store
          ? { resolveLocalPath: ctx.harness.localPath }
          : {}),
        ...options,
      });
  });
  afterEach(async () => {
    await ctx.harness.dispose();
    await rm(ctx.scratch, { recursive: true, force: true });
  });
  return ctx;
}

/** Every key of a store, page after page. */
export async function allKeys(store: FileStore): Promise<string[]> {
  const keys: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await store.list({ cursor, limit: 100 });
    keys.push(...page.items.map((i) => i.key));
    cursor = page.nextCursor;
  } while (cursor);
  return keys;
}

/** The bytes of a logical key, through the manager (follows dedup pointers). */
export async function readKey(manager: FileManager, key: string): Promise<Buffer> {
  return readAll(await manager.open(key));
}

/** Splits bytes into small chunks so a stream crosses the sniffing boundary mid-chunk. */
export function chunked(bytes: Buffer, size = 1000): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}
