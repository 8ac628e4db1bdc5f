import { describe, test } from 'vitest';
import { runCase } from './runner.js';
import { cacheSuite, fileStoreSuite, storageSuite } from './suites.js';
import type { CacheFactory, FileStoreFactory, StorageFactory, SuiteDefinition } from './types.js';

/** The FileManager suite (videos, frames, models, dedup, cleanup, secure delete) over any FileStore. */
export {
  describeFileManager,
  type HarnessFactory as FileManagerFactory,
  type StoreHarness as FileManagerHarness,
} from './file-manager/index.js';

function describeSuite<Fixture, Ctx, Caps>(
  suite: SuiteDefinition<Fixture, Ctx, Caps>,
  name: string,
  factory: () => Promise<Fixture>,
): void {
  describe(`${suite.name} conformance: ${name}`, () => {
    for (const c of suite.cases) {
      test(c.name, { timeout: c.timeoutMs ?? 30_000 }, async (t) => {
        const outcome = await runCase(suite, c, factory);
        if (outcome.status === 'skipped') t.skip(`capability off: ${outcome.missing.join(', ')}`);
        if (outcome.status === 'failed') throw outcome.error;
      });
    }
  });
}

/** Runs the whole BaseStorage suite under vitest; `factory` gives a fresh, initialized store per case. */
export function describeBaseStorage(name: string, factory: StorageFactory): void {
  describeSuite(storageSuite, name, factory);
}

/** Runs the whole FileStore suite under vitest; `factory` gives a fresh, empty store per case. */
export function describeFileStore(name: string, factory: FileStoreFactory): void {
  describeSuite(fileStoreSuite, name, factory);
}

/** Runs the whole Cache suite under vitest; `factory` gives a fresh, empty cache per case. */
export function describeCache(name: string, factory: CacheFactory): void {
  describeSuite(cacheSuite, name, factory);
}
