import { isStorageError } from '@vpe-storage/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { copyText } from '../src/index.js';
import { detections, freshStorage, video } from './helpers/fresh-storage.js';
import { createTestDatabase, serverAvailable } from './helpers/server.js';

const available = await serverAvailable();

const HOSTILE = [
  'tab\there',
  'line\nbreak',
  'carriage\rreturn',
  'back\\slash \\N \\t literal',
  '\\',
  'quote " and \' and `',
  '🎬 视频 مرحبا e\u0301',
  '\\x00 not a NUL',
  '',
];

test('copyText escapes the COPY text format: NULL, booleans, numbers, backslashes, tabs, newlines', () => {
  expect(copyText([[null, true, false, 1.5, -0, 'a\tb\nc\\d\re', 12n]])).toBe(
    '\\N\tt\tf\t1.5\t0\ta\\tb\\nc\\\\d\\re\t12\n',
  );
  expect(copyText([[1e-300, 2 ** 53 - 1, Number.NaN]])).toBe('1e-300\t9007199254740991\tNaN\n');
});

describe.skipIf(!available)('bulk insert through COPY', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase('vpe_bulk');
  });
  afterAll(async () => {
    await db?.drop();
  });

  test('hostile text in detector types and JSON metadata round-trips exactly through COPY', async () => {
    const f = await freshStorage(db.url);
    try {
      await f.storage.videos.create(video('v'));
      const items = HOSTILE.map((text, i) => ({
        id: `h${i}`,
        videoId: 'v',
        timestamp: 0.1 + 0.2 + i,
        frameNumber: i,
        detectorType: text || 'empty',
        bbox: { x: -5, y: 0, width: 1, height: 1 },
        confidence: 1 - 1e-12,
        metadata: { text, nested: { list: [text, 1e-9, null, true] }, [text || 'k']: text },
      }));
      expect(await f.storage.detections.insertMany(items)).toBe(items.length);
      for (const item of items) {
        const got = await f.storage.detections.get(item.id);
        expect(got?.detectorType).toBe(item.detectorType);
        expect(got?.metadata).toEqual(item.metadata);
        expect(got?.timestamp).toBe(item.timestamp);
        expect(got?.confidence).toBe(item.confidence);
      }
      // What is stored is the value itself, not an escaped form.
      const raw = await f.raw.query(
        "SELECT detection_metadata->>'text' AS t FROM detections WHERE id = 'h3'",
      );
      expect(raw.rows[0].t).toBe(HOSTILE[3]);
    } finally {
      await f.dispose();
    }
  });

  test('several batches in one call: all rows land; a bad row in a late batch inserts none', async () => {
    const f = await freshStorage(db.url, { bulkInsertBatchSize: 100 });
    try {
      await f.storage.videos.create(video('v'));
      expect(await f.storage.detections.insertMany(detections('v', 1050))).toBe(1050);
      expect(await f.storage.detections.countForVideo('v')).toBe(1050);
      const bad = [...detections('v', 450, 'x'), ...detections('missing-video', 1, 'y')];
      const err = await f.storage.detections.insertMany(bad).catch((e: unknown) => e);
      expect(isStorageError(err, 'CONSTRAINT'), String(err)).toBe(true);
      const dup = [...detections('v', 350, 'z'), ...detections('v', 1, 'd')];
      const err2 = await f.storage.detections.insertMany(dup).catch((e: unknown) => e);
      expect(isStorageError(err2, 'ALREADY_EXISTS'), String(err2)).toBe(true);
      const { rows } = await f.raw.query('SELECT count(*)::int AS n FROM detections');
      expect(rows[0].n).toBe(1050);
      // The storage is fine afterwards (no connection left stuck in a COPY).
      expect(await f.storage.detections.insertMany(detections('v', 10, 'after'))).toBe(10);
    } finally {
      await f.dispose();
    }
  });

  test("inside the caller's transaction: COPY rows are visible to its next statements and roll back with it", async () => {
    const f = await freshStorage(db.url, { bulkInsertBatchSize: 64 });
    try {
      await f.storage.videos.create(video('v'));
      const boom = new Error('boom');
      const err = await f.storage
        .transaction(async (tx) => {
          await tx.detections.insertMany(detections('v', 300));
          expect(await tx.detections.countForVideo('v')).toBe(300);
          await tx.videos.create(video('w'));
          await tx.detections.insertMany(detections('w', 200, 'w'));
          expect(await tx.detections.countForVideo('w')).toBe(200);
          throw boom;
        })
        .catch((e: unknown) => e);
      expect(err).toBe(boom);
      const { rows } = await f.raw.query('SELECT count(*)::int AS n FROM detections');
      expect(rows[0].n).toBe(0);
      await f.storage.transaction(async (tx) => {
        await tx.detections.insertMany(detections('v', 300));
      });
      expect(await f.storage.detections.countForVideo('v')).toBe(300);
    } finally {
      await f.dispose();
    }
  });

  test('an import that fails on a late record leaves nothing and the storage usable', async () => {
    const f = await freshStorage(db.url, { bulkInsertBatchSize: 50 });
    try {
      await f.storage.videos.create(video('v'));
      await f.storage.detections.insertMany(detections('v', 120));
      const exported = [];
      for await (const r of f.storage.exportRecords()) exported.push(r);
      expect(exported.length).toBe(121);
      const target = await freshStorage(db.url, { bulkInsertBatchSize: 50 });
      try {
        const broken = [...exported, { table: 'detections' as const, record: { id: 'bad' } }];
        const err = await target.storage.importRecords(broken).catch((e: unknown) => e);
        expect(isStorageError(err, 'VALIDATION'), String(err)).toBe(true);
        expect((await target.storage.stats()).rows.detections).toBe(0);
        const result = await target.storage.importRecords(exported);
        expect(result.rows.detections).toBe(120);
        // Detections first, videos last: foreign keys are checked at commit.
        const reordered = [...exported].reverse();
        const third = await freshStorage(db.url);
        try {
          expect((await third.storage.importRecords(reordered)).rows.videos).toBe(1);
        } finally {
          await third.dispose();
        }
      } finally {
        await target.dispose();
      }
    } finally {
      await f.dispose();
    }
  });
});
