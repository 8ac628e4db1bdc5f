// The FileManager suite: storeVideo, frames, models, dedup, cleanup and secure delete on any FileStore.
import { describe } from 'vitest';
import { cleanupCases } from './cleanup-cases.js';
import { frameCases } from './frame-cases.js';
import type { HarnessFactory } from './harness.js';
import { modelAndDedupCases } from './model-dedup-cases.js';
import { orphanCases } from './orphan-cases.js';
import { secureDeleteCases } from './secure-delete-cases.js';
import { videoCases } from './video-cases.js';

export type { HarnessFactory, StoreHarness } from './harness.js';

/** Every FileManager case, against the FileStore `factory` makes (fresh and empty per test). */
export function describeFileManager(name: string, factory: HarnessFactory): void {
  describe(`FileManager on ${name}`, () => {
    videoCases(factory);
    frameCases(factory);
    modelAndDedupCases(factory);
    cleanupCases(factory);
    orphanCases(factory);
    secureDeleteCases(factory);
  });
}
