import assert from 'node:assert/strict';
import type { CacheCase } from '../types.js';
import { eventually } from './helpers.js';

/**
 * Shared backends: a peer instance on the same data. Invalidations reach an in-process tier by
 * pub/sub, so the peer must see them within a second (in practice milliseconds).
 */
export const sharedCases: CacheCase[] = [
  {
    name: 'shared: a set on one instance is visible to its peer, and a later set replaces it',
    requires: ['shared'],
    async run({ cache, ns, fixture }) {
      const peer = await fixture.peer!();
      try {
        await cache.set(`${ns}:s`, { v: 1 });
        assert.deepEqual(await peer.get(`${ns}:s`), { v: 1 });
        await cache.set(`${ns}:s`, { v: 2 });
        await eventually(async () => assert.deepEqual(await peer.get(`${ns}:s`), { v: 2 }));
      } finally {
        await peer.close();
      }
    },
  },
  {
    name: 'shared: delete, invalidatePattern and clear on one instance are seen by the other',
    requires: ['shared'],
    async run({ cache, ns, fixture }) {
      const peer = await fixture.peer!();
      try {
        for (const k of ['a', 'b:1', 'b:2', 'c']) await cache.set(`${ns}:${k}`, k);
        for (const k of ['a', 'b:1', 'b:2', 'c'])
          assert.equal(await peer.get(`${ns}:${k}`), k, `peer reads ${k}`);
        assert.equal(await cache.delete(`${ns}:a`), true);
        await eventually(async () => assert.equal(await peer.get(`${ns}:a`), undefined, 'delete not seen'));
        assert.equal(await peer.invalidatePattern(`${ns}:b:*`), 2);
        await eventually(async () =>
          assert.equal(await cache.get(`${ns}:b:1`), undefined, 'pattern not seen'),
        );
        assert.equal(await cache.get(`${ns}:b:2`), undefined);
        await peer.clear();
        await eventually(async () => assert.equal(await cache.get(`${ns}:c`), undefined, 'clear not seen'));
      } finally {
        await peer.close();
      }
    },
  },
  {
    name: 'shared: getOrSet on the peer uses the value the other instance stored',
    requires: ['shared'],
    async run({ cache, ns, fixture }) {
      const peer = await fixture.peer!();
      try {
        await cache.set(`${ns}:g`, 'from-first');
        let calls = 0;
        const value = await peer.getOrSet(`${ns}:g`, async () => {
          calls++;
          return 'from-peer';
        });
        assert.equal(value, 'from-first');
        assert.equal(calls, 0);
      } finally {
        await peer.close();
      }
    },
  },
];
