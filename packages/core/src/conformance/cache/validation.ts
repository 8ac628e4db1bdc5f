import assert from 'node:assert/strict';
import { rejectsWithCode } from '../assert.js';
import type { CacheCase } from '../types.js';

/** Keys must be non-empty strings, values JSON, patterns non-empty: everything else is VALIDATION. */
export const validationCases: CacheCase[] = [
  {
    name: 'validation: empty and non-string keys are VALIDATION on every method',
    async run({ cache }) {
      for (const bad of ['', 42, null, undefined] as unknown as string[]) {
        const label = `key ${JSON.stringify(bad)}`;
        await rejectsWithCode(() => cache.get(bad), 'VALIDATION', `get ${label}`);
        await rejectsWithCode(() => cache.set(bad, 1), 'VALIDATION', `set ${label}`);
        await rejectsWithCode(() => cache.delete(bad), 'VALIDATION', `delete ${label}`);
        await rejectsWithCode(() => cache.has(bad), 'VALIDATION', `has ${label}`);
        await rejectsWithCode(() => cache.getOrSet(bad, async () => 1), 'VALIDATION', `getOrSet ${label}`);
      }
      await rejectsWithCode(() => cache.invalidatePattern(''), 'VALIDATION', 'empty pattern');
    },
  },
  {
    name: 'validation: values JSON cannot hold unchanged are VALIDATION and store nothing',
    async run({ cache, ns }) {
      const circular: Record<string, unknown> = { a: 1 };
      circular.self = circular;
      const bad: [string, unknown][] = [
        ['undefined', undefined],
        ['function', () => 1],
        ['symbol', Symbol('s')],
        ['bigint', 10n],
        ['NaN', Number.NaN],
        ['Infinity', { n: Number.POSITIVE_INFINITY }],
        ['circular', circular],
        ['Map', new Map([[1, 2]])],
        ['Set', { s: new Set([1]) }],
        ['undefined in array', [1, undefined]],
        ['nested function', { f: () => 1 }],
      ];
      await cache.set(`${ns}:kept`, 'original');
      for (const [label, value] of bad) {
        await rejectsWithCode(() => cache.set(`${ns}:bad`, value), 'VALIDATION', label);
        await rejectsWithCode(() => cache.set(`${ns}:kept`, value), 'VALIDATION', label);
      }
      assert.equal(await cache.has(`${ns}:bad`), false, 'a refused value was stored');
      assert.equal(await cache.get(`${ns}:kept`), 'original', 'a refused set changed the existing value');
    },
  },
];
