import { describeBaseStorage } from '@vpe-storage/core/conformance/vitest';
import pg from 'pg';
import { afterAll, describe, test } from 'vitest';
import { PostgresStorage } from '../src/index.js';
import { rawReader } from './helpers/raw-reader.js';
import { createTestDatabase, randomName, serverAvailable } from './helpers/server.js';

// The shared BaseStorage cases on real PostgreSQL: one database for the run, a fresh schema per case
// (dropped afterwards); the raw reader counts rows through a separate client. Creating and migrating a
// schema takes a few hundred ms, so the next case's schema is prepared while the current case runs.
const available = await serverAvailable();
const LINGUISTIC =
  "TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'";

if (!available) {
  describe.skip('postgres conformance (no server)', () => {
    test('skipped', () => undefined);
  });
} else {
  // A linguistic collation ('a' < 'B', punctuation ignored) as many servers have by default: the text
  // orders the cases check must not depend on it.
  const db = await createTestDatabase('vpe_conf', LINGUISTIC);
  const admin = new pg.Pool({ connectionString: db.url, max: 3 });
  admin.on('error', () => undefined);
  const drops: Promise<unknown>[] = [];
  afterAll(async () => {
    await next?.then((p) => p.storage.close()).catch(() => undefined);
    await Promise.allSettled(drops);
    await admin.end();
    await db.drop();
  });

  const open = async (schema: string) => {
    const s = new PostgresStorage({ url: db.url, schema, maxConnections: 5 });
    await s.initialize();
    return s;
  };
  const prepare = async () => {
    const schema = randomName('case');
    await admin.query(`CREATE SCHEMA ${schema}`);
    return { schema, storage: await open(schema) };
  };
  let next: Promise<{ schema: string; storage: PostgresStorage }> | null = null;

  describeBaseStorage('postgres', async () => {
    const ready = next ?? prepare();
    next = prepare();
    next.catch(() => undefined);
    const { schema, storage } = await ready;
    const raw = rawReader(db.url, schema);
    const others: PostgresStorage[] = [];
    return {
      storage,
      raw,
      reopen: async () => {
        const second = await open(schema);
        others.push(second);
        return second;
      },
      async dispose() {
        await raw.close();
        await Promise.all([storage.close(), ...others.map((s) => s.close())]);
        drops.push(admin.query(`DROP SCHEMA ${schema} CASCADE`));
      },
    };
  });
}
