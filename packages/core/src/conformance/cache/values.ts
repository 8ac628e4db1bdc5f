import assert from 'node:assert/strict';
import type { CacheCase } from '../types.js';

const SAMPLE = {
  text: 'Grüße, 世界 👋 — "quoted" \\ back\nslash',
  ints: [0, 1, -1, 2 ** 53 - 1, -(2 ** 53 - 1)],
  floats: [0.1, 1e-7, 1.5e300, -2.25],
  flags: [true, false],
  nothing: null,
  empty: { object: {}, array: [], string: '' },
  nested: { a: { b: { c: [{ d: [1, [2, [3]]] }] } } },
} as const;

/** JSON round-trips and copy semantics (no caller can change what the cache holds). */
export const valueCases: CacheCase[] = [
  {
    name: 'values: nested JSON with unicode and numbers round-trips exactly',
    async run({ cache, ns }) {
      await cache.set(`${ns}:sample`, SAMPLE);
      assert.deepEqual(await cache.get(`${ns}:sample`), SAMPLE);
    },
  },
  {
    name: 'values: scalars round-trip with their type',
    async run({ cache, ns }) {
      const scalars: [string, unknown][] = [
        ['zero', 0],
        ['false', false],
        ['empty', ''],
        ['numeric-string', '42'],
        ['json-looking-string', '{"a":1}'],
        ['colon-string', ':base64:aGVsbG8='],
        ['float', 3.25],
        ['array', [1, 'two', null]],
      ];
      for (const [name, value] of scalars) await cache.set(`${ns}:${name}`, value);
      for (const [name, value] of scalars) {
        assert.deepEqual(await cache.get(`${ns}:${name}`), value, `value of ${name}`);
      }
    },
  },
  {
    name: 'values: unicode keys are distinct and exact',
    async run({ cache, ns }) {
      await cache.set(`${ns}:vidéo:東京`, 'nfc');
      await cache.set(`${ns}:vide\u0301o:東京`, 'nfd');
      await cache.set(`${ns}:emoji:🎬`, 'clapper');
      assert.equal(await cache.get(`${ns}:vidéo:東京`), 'nfc');
      assert.equal(await cache.get(`${ns}:vide\u0301o:東京`), 'nfd');
      assert.equal(await cache.get(`${ns}:emoji:🎬`), 'clapper');
    },
  },
  {
    name: 'values: mutating the object passed to set does not change the cache',
    async run({ cache, ns }) {
      const value = { list: [1, 2], inner: { x: 1 } };
      await cache.set(`${ns}:in`, value);
      value.list.push(3);
      value.inner.x = 99;
      assert.deepEqual(await cache.get(`${ns}:in`), { list: [1, 2], inner: { x: 1 } });
    },
  },
  {
    name: 'values: mutating a returned value does not change the cache',
    async run({ cache, ns }) {
      await cache.set(`${ns}:out`, { list: [1], inner: { x: 1 } });
      const first = await cache.get<{ list: number[]; inner: { x: number } }>(`${ns}:out`);
      assert.ok(first);
      first.list.push(2);
      first.inner.x = 42;
      const second = await cache.get(`${ns}:out`);
      assert.deepEqual(second, { list: [1], inner: { x: 1 } });
      assert.notEqual(second, first, 'get must return a fresh copy each time');
    },
  },
  {
    name: 'values: undefined object properties are dropped, as in JSON',
    async run({ cache, ns }) {
      await cache.set(`${ns}:u`, { a: 1, b: undefined });
      const got = await cache.get<Record<string, unknown>>(`${ns}:u`);
      assert.deepEqual(got, { a: 1 });
      assert.equal(Object.hasOwn(got ?? {}, 'b'), false);
    },
  },
];
