import { describe, expect, it } from 'vitest';
import { type CaseOutcome, runSuite } from '../src/conformance/runner.js';
import { cacheSuite } from '../src/conformance/suites.js';
import type { Cache } from '../src/contracts/cache.js';
import { AcceptsAnythingCache } from './broken/cache-accepts-anything.js';
import { CachesErrorsCache } from './broken/cache-caches-errors.js';
import { IgnoresTtlCache } from './broken/cache-ignores-ttl.js';
import { NoSingleFlightCache } from './broken/cache-no-single-flight.js';
import { PrefixPatternCache } from './broken/cache-prefix-pattern.js';
import { RegexPatternCache } from './broken/cache-regex-pattern.js';
import { SharedReferenceCache } from './broken/cache-shared-reference.js';
import { StaleFillCache } from './broken/cache-stale-fill.js';

interface Variant {
  make: () => Cache;
  /** Cases that must catch this variant (each must fail). */
  caughtBy: string[];
}

const variants: Record<string, Variant> = {
  'ignores TTL': {
    make: () => new IgnoresTtlCache(),
    caughtBy: [
      'ttl: an entry expires after its TTL and is never served afterwards; a set without TTL uses the default',
      'ttl: set again replaces the TTL (longer and shorter); getOrSet stores with its TTL and loads again after expiry',
    ],
  },
  'pattern as raw regex': {
    make: () => new RegexPatternCache(),
    caughtBy: ['patterns: regex metacharacters . + ( ) ^ $ | { } in patterns are literal'],
  },
  'pattern as prefix': {
    make: () => new PrefixPatternCache(),
    caughtBy: [
      'patterns: the pattern matches the whole key, not a prefix or a substring',
      'patterns: *suffix and inner * match any run, ":" included',
    ],
  },
  'getOrSet without single-flight': {
    make: () => new NoSingleFlightCache(),
    caughtBy: ['getOrSet: 10 concurrent callers share one loader call and each get a copy'],
  },
  'get returns a shared mutable reference': {
    make: () => new SharedReferenceCache(),
    caughtBy: [
      'values: mutating the object passed to set does not change the cache',
      'values: mutating a returned value does not change the cache',
    ],
  },
  'getOrSet caches a failed load': {
    make: () => new CachesErrorsCache(),
    caughtBy: ['getOrSet: a failing loader reaches every waiter and is not cached'],
  },
  'getOrSet stores a value loaded before an invalidation': {
    make: () => new StaleFillCache(),
    caughtBy: [
      'getOrSet: an invalidation during a getOrSet load is not overwritten by the stale loaded value',
      'getOrSet: a set during a load wins, and callers after an invalidation load afresh',
    ],
  },
  'accepts values JSON cannot hold': {
    make: () => new AcceptsAnythingCache(),
    caughtBy: ['validation: values JSON cannot hold unchanged are VALIDATION and store nothing'],
  },
};

const caseNames = new Set(cacheSuite.cases.map((c) => c.name));

describe.concurrent('the cache suite catches broken caches', () => {
  for (const [label, variant] of Object.entries(variants)) {
    it(`catches: ${label}`, { timeout: 60_000 }, async () => {
      for (const name of variant.caughtBy) expect(caseNames, `unknown case "${name}"`).toContain(name);
      const results: Map<string, CaseOutcome> = await runSuite(cacheSuite, async () => {
        const cache = variant.make();
        return { cache, dispose: () => cache.close() };
      });
      const failing = [...results].filter(([, o]) => o.status === 'failed').map(([name]) => name);
      console.log(`${label} → ${failing.length ? failing.join(' | ') : '(nothing failed)'}`);
      for (const name of variant.caughtBy) expect(failing, `${label} must fail "${name}"`).toContain(name);
    });
  }

  it('the correct MemoryCache passes every case the broken ones fail', async () => {
    const { MemoryCache } = await import('../src/index.js');
    const results = await runSuite(cacheSuite, async () => {
      const cache = new MemoryCache();
      return { cache, dispose: () => cache.close() };
    });
    const failing = [...results].filter(([, o]) => o.status === 'failed').map(([name]) => name);
    expect(failing).toEqual([]);
    expect([...results.values()].filter((o) => o.status === 'passed').length).toBeGreaterThanOrEqual(25);
  });
});
