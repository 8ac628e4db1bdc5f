// The FileStore suite must catch deliberately broken variants of the memory store.
import { describe, expect, test } from 'vitest';
import { runSuite } from '../src/conformance/runner.js';
import { fileStoreSuite } from '../src/conformance/suites.js';
import type { FileStore } from '../src/contracts/file-store.js';
import { IgnoresIfNotExistsFileStore } from './broken/files-ignores-if-not-exists.js';
import { LazyNotFoundFileStore } from './broken/files-lazy-not-found.js';
import { ListRepeatsFileStore } from './broken/files-list-repeats.js';
import { NonAtomicFileStore } from './broken/files-non-atomic.js';
import { SkipsChecksumFileStore } from './broken/files-skips-checksum.js';
import { TruncatingFileStore } from './broken/files-truncating.js';

interface Variant {
  name: string;
  make: () => FileStore;
  /** Cases that must fail for this variant (each one on its own is enough to catch it). */
  caughtBy: string[];
}

const variants: Variant[] = [
  {
    name: 'drops the last byte',
    make: () => new TruncatingFileStore(),
    caughtBy: ['round trip: Buffer body reads back byte for byte', 'sizes: 1-byte stream round trips'],
  },
  {
    name: 'ignores ifNotExists',
    make: () => new IgnoresIfNotExistsFileStore(),
    caughtBy: [
      'ifNotExists: an existing key rejects with ALREADY_EXISTS and keeps the old object',
      'copy: onto an existing key replaces it; with ifNotExists rejects ALREADY_EXISTS and changes nothing',
    ],
  },
  {
    name: 'list pagination repeats an item',
    make: () => new ListRepeatsFileStore(),
    caughtBy: ['list: 25 keys in pages of 7: four pages, nothing lost or repeated, stable order'],
  },
  {
    name: 'non-atomic put visible half-written',
    make: () => new NonAtomicFileStore(),
    caughtBy: [
      'failures: a body stream that errors mid-way rejects put and leaves nothing under the key',
      'concurrency: readers during overwrites see the old or the new object whole, never a mix',
    ],
  },
  {
    name: 'get() of a missing key errors in the stream, not in get()',
    make: () => new LazyNotFoundFileStore(),
    caughtBy: ['get: a missing key rejects with NOT_FOUND from get() itself, not from the stream'],
  },
  {
    name: 'ignores expectedSha256',
    make: () => new SkipsChecksumFileStore(),
    caughtBy: ['expectedSha256: a mismatch rejects with INTEGRITY and stores nothing'],
  },
];

describe('FileStore conformance catches broken memory stores', () => {
  for (const v of variants) {
    test(v.name, { timeout: 60_000 }, async () => {
      const results = await runSuite(fileStoreSuite, async () => {
        const store = v.make();
        return { store, dispose: () => store.close() };
      });
      const failed = [...results].filter(([, o]) => o.status === 'failed').map(([name]) => name);
      console.log(`${v.name} → ${failed.length} failing: ${failed.join(' | ')}`);
      for (const name of v.caughtBy) {
        expect(results.has(name), `no case named ${name}`).toBe(true);
        expect(failed, `"${name}" should catch "${v.name}"`).toContain(name);
      }
    });
  }
});
