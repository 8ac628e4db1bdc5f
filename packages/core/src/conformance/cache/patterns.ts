import assert from 'node:assert/strict';
import type { Cache } from '../../contracts/cache.js';
import type { CacheCase } from '../types.js';

async function seed(cache: Cache, keys: readonly string[]): Promise<void> {
  for (const key of keys) await cache.set(key, key);
}

async function present(cache: Cache, keys: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const key of keys) if ((await cache.get(key)) !== undefined) found.push(key);
  return found;
}

/** invalidatePattern: globs over the whole key, literal everything else, exact counts. */
export const patternCases: CacheCase[] = [
  {
    name: 'patterns: prefix* removes the matching keys, returns the count, keeps the rest',
    async run({ cache, ns }) {
      const hit = [`${ns}:video:1`, `${ns}:video:2`, `${ns}:video:3:scenes`];
      const kept = [`${ns}:videos:1`, `${ns}:scene:1`, `${ns}:vide`];
      await seed(cache, [...hit, ...kept]);
      assert.equal(await cache.invalidatePattern(`${ns}:video:*`), 3);
      assert.deepEqual(await present(cache, [...hit, ...kept]), kept);
    },
  },
  {
    name: 'patterns: *suffix and inner * match any run, ":" included',
    async run({ cache, ns }) {
      const keys = [
        `${ns}:a:1:thumb`,
        `${ns}:b:thumb`,
        `${ns}:thumb`,
        `x${ns}:thumb`,
        `${ns}:a:thumbs`,
        `${ns}:a:1:thumb:x`,
      ];
      await seed(cache, keys);
      assert.equal(await cache.invalidatePattern(`${ns}:*:thumb`), 2);
      assert.deepEqual(await present(cache, keys), [
        `${ns}:thumb`,
        `x${ns}:thumb`,
        `${ns}:a:thumbs`,
        `${ns}:a:1:thumb:x`,
      ]);
      // A leading star matches an empty and a non-empty run; the rest keeps the pattern inside this run's keys.
      assert.equal(await cache.invalidatePattern(`*${ns}:thumb`), 2);
      assert.deepEqual(await present(cache, keys), [`${ns}:a:thumbs`, `${ns}:a:1:thumb:x`]);
    },
  },
  {
    name: 'patterns: ? matches exactly one character',
    async run({ cache, ns }) {
      const keys = [`${ns}:item1`, `${ns}:itemZ`, `${ns}:item`, `${ns}:item10`, `${ns}:item:`];
      await seed(cache, keys);
      assert.equal(await cache.invalidatePattern(`${ns}:item?`), 3);
      assert.deepEqual(await present(cache, keys), [`${ns}:item`, `${ns}:item10`]);
    },
  },
  {
    name: 'patterns: ? matches one unicode character, not one byte or one UTF-16 unit',
    async run({ cache, ns }) {
      const keys = [`${ns}:é`, `${ns}:🎬`, `${ns}:東`, `${ns}:ab`, `${ns}:e\u0301`];
      await seed(cache, keys);
      assert.equal(await cache.invalidatePattern(`${ns}:?`), 3);
      assert.deepEqual(await present(cache, keys), [`${ns}:ab`, `${ns}:e\u0301`]);
    },
  },
  {
    name: 'patterns: the pattern matches the whole key, not a prefix or a substring',
    async run({ cache, ns }) {
      const keys = [`${ns}:user`, `${ns}:user:1`, `${ns}:superuser`, `x${ns}:user`];
      await seed(cache, keys);
      assert.equal(await cache.invalidatePattern(`${ns}:user`), 1);
      assert.deepEqual(await present(cache, keys), [`${ns}:user:1`, `${ns}:superuser`, `x${ns}:user`]);
      assert.equal(await cache.invalidatePattern(`user*`), 0);
      assert.equal(await cache.invalidatePattern(`${ns}:*user`), 1);
      assert.deepEqual(await present(cache, keys), [`${ns}:user:1`, `x${ns}:user`]);
    },
  },
  {
    name: 'patterns: regex metacharacters . + ( ) ^ $ | { } in patterns are literal',
    async run({ cache, ns }) {
      const literal = [`${ns}:a.b`, `${ns}:a+b`, `${ns}:(x)`, `${ns}:^s$`, `${ns}:p|q`, `${ns}:r{2}`];
      const lookalike = [`${ns}:aXb`, `${ns}:aab`, `${ns}:x`, `${ns}:s`, `${ns}:p`, `${ns}:q`, `${ns}:rr`];
      await seed(cache, [...literal, ...lookalike]);
      for (const key of literal) assert.equal(await cache.invalidatePattern(key), 1, `pattern ${key}`);
      assert.deepEqual(await present(cache, [...literal, ...lookalike]), lookalike);
    },
  },
  {
    name: 'patterns: [ ] and \\ in patterns are literal (no character classes, no escapes)',
    async run({ cache, ns }) {
      const literal = [`${ns}:[ab]`, `${ns}:c\\*d`, `${ns}:e\\f`, `${ns}:[!x]`];
      const lookalike = [`${ns}:a`, `${ns}:b`, `${ns}:c*d`, `${ns}:c\\xd`, `${ns}:ef`, `${ns}:y`];
      await seed(cache, [...literal, ...lookalike]);
      assert.equal(await cache.invalidatePattern(`${ns}:[ab]`), 1);
      assert.equal(await cache.invalidatePattern(`${ns}:e\\f`), 1);
      assert.equal(await cache.invalidatePattern(`${ns}:[!x]`), 1);
      assert.deepEqual(await present(cache, [...literal, ...lookalike]), [`${ns}:c\\*d`, ...lookalike]);
      // A backslash does not escape the star after it: `c\*d` is "c\" + any run + "d".
      assert.equal(await cache.invalidatePattern(`${ns}:c\\*d`), 2);
      assert.deepEqual(await present(cache, lookalike), [
        `${ns}:a`,
        `${ns}:b`,
        `${ns}:c*d`,
        `${ns}:ef`,
        `${ns}:y`,
      ]);
    },
  },
  {
    name: 'patterns: a pattern matching nothing returns 0 and keeps everything',
    async run({ cache, ns }) {
      await seed(cache, [`${ns}:one`, `${ns}:two`]);
      assert.equal(await cache.invalidatePattern(`${ns}:three*`), 0);
      assert.deepEqual(await present(cache, [`${ns}:one`, `${ns}:two`]), [`${ns}:one`, `${ns}:two`]);
    },
  },
  {
    name: 'patterns: expired or deleted keys are not counted',
    async run({ cache, ns }) {
      await cache.set(`${ns}:live`, 1);
      await cache.set(`${ns}:gone`, 2);
      await cache.delete(`${ns}:gone`);
      assert.equal(await cache.invalidatePattern(`${ns}:*`), 1);
      assert.equal(await cache.invalidatePattern(`${ns}:*`), 0, 'a second invalidation found keys again');
    },
  },
];
