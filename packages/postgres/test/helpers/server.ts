import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { redactPasswords } from '../../src/index.js';

/** The server the tests use (`VPE_TEST_POSTGRES_URL`, default: the local one). */
export const SERVER_URL = process.env.VPE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The URL of another database on the same server. */
export function databaseUrl(database: string, base = SERVER_URL): string {
  const u = new URL(base);
  u.pathname = `/${database}`;
  return u.toString();
}

/** A random lowercase identifier with a prefix. */
export function randomName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

/**
 * True when the server answers. A missing server fails the run under CI=true; otherwise the caller
 * skips its tests and this says so loudly.
 */
export async function serverAvailable(url = SERVER_URL): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch (err) {
    const why = `PostgreSQL is not reachable at ${redactPasswords(url)} (${(err as Error).message || String(err)})`;
    if (process.env.CI === 'true') throw new Error(`${why}: CI=true requires it (set VPE_TEST_POSTGRES_URL)`);
    console.warn(`\n!!! ${why}: SKIPPING the @vpe-storage/postgres tests. Set VPE_TEST_POSTGRES_URL. !!!\n`);
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Runs one statement on the server's maintenance database with a short-lived client. */
export async function admin(sql: string, url = SERVER_URL): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A fresh database for this test file; `drop()` removes it (terminating leftover sessions). `clauses`
 * are appended to CREATE DATABASE (e.g. a linguistic locale).
 */
export async function createTestDatabase(
  prefix = 'vpe_pg',
  clauses = '',
): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = randomName(prefix);
  await admin(`CREATE DATABASE ${name}${clauses ? ` ${clauses}` : ''}`);
  return {
    name,
    url: databaseUrl(name),
    drop: async () => {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}
