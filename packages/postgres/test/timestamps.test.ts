import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { timestamptzToIso } from '../src/driver/timestamps.js';
import { freshStorage, video } from './helpers/fresh-storage.js';
import { createTestDatabase, serverAvailable } from './helpers/server.js';

const available = await serverAvailable();

test('TIMESTAMPTZ text becomes ISO with milliseconds (padded, truncated, other offsets via pg)', () => {
  expect(timestamptzToIso('2026-12-04 20:59:31+00')).toBe('2026-12-04T20:59:31.000Z');
  expect(timestamptzToIso('2026-12-04 20:59:31.1+00')).toBe('2026-12-04T20:59:31.100Z');
  expect(timestamptzToIso('2026-12-04 20:59:31.123456+00')).toBe('2026-12-04T20:59:31.123Z');
  expect(timestamptzToIso('2026-12-04 21:59:31.5+01')).toBe('2026-12-04T20:59:31.500Z');
});

describe.skipIf(!available)('timestamps on a real server', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase('vpe_ts');
  });
  afterAll(async () => {
    await db?.drop();
  });

  test('round-trip exactly whatever the database time zone, and sort as instants', async () => {
    await (await import('./helpers/server.js')).admin(
      `ALTER DATABASE ${db.name} SET TimeZone = 'Asia/Kolkata'`,
    );
    const f = await freshStorage(db.url);
    try {
      const stamps = ['2026-01-01T00:00:00.000Z', '2026-06-30T23:59:59.999Z', '1999-12-31T18:30:00.010Z'];
      await f.storage.importRecords(
        stamps.map((at, i) => ({
          table: 'audit_log' as const,
          record: {
            id: `a${i}`,
            actor: null,
            action: 'x',
            entityType: 'video',
            entityId: 'v',
            details: {},
            at,
          },
        })),
      );
      const listed = (await f.storage.audit.list()).items.map((a) => a.at);
      expect(listed).toEqual([...stamps].sort());
      const v = await f.storage.videos.create(video('v'));
      expect(await f.storage.videos.get('v')).toEqual(v);
      // The raw session (database default time zone) sees the same instant.
      const raw = await f.raw.query(
        "SELECT extract(epoch FROM at)::float8 AS s FROM audit_log WHERE id = 'a2'",
      );
      expect(raw.rows[0].s * 1000).toBe(Date.parse(stamps[2] as string));
    } finally {
      await f.dispose();
    }
  });
});
