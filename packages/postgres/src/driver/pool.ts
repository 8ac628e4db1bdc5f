import pg from 'pg';
import { TIMESTAMPTZ_OID, timestamptzToIso } from './timestamps.js';

/** How {@link createPool} builds a pool. */
export interface PoolSettings {
  connectionString: string;
  /** Tables live in this schema (`search_path`), or the server's default when null. */
  schema: string | null;
  maxConnections: number;
  timeoutMs: number;
}

/** A pool plus what tells its clients apart: those whose connection failed must not be reused. */
export interface PgPool {
  pool: pg.Pool;
  /** Clients that emitted `error` (connection lost) since they connected. */
  broken: WeakSet<pg.PoolClient>;
  /** Errors of idle or checked-out clients that were absorbed instead of crashing the process. */
  clientErrors(): number;
}

const INT8_OID = 20;
// On this pool only: BIGINT columns hold safe integers (zod checks them), counts too, so they are read
// as numbers; TIMESTAMPTZ is read straight into the ISO string the records hold.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID && format !== 'binary') return (value: string) => Number(value);
    if (oid === TIMESTAMPTZ_OID && format !== 'binary') return timestamptzToIso;
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as unknown as pg.CustomTypesConfig;

/**
 * A pg Pool sized by the config: `connectionTimeoutMillis` and `statement_timeout` are `timeoutMs`.
 * pg emits `error` on a client whose server went away; without listeners that crashes the process, and
 * the pool listens only on idle clients, so every client gets a listener of its own for its whole life.
 */
export function createPool(settings: PoolSettings): PgPool {
  const pool = new pg.Pool({
    connectionString: settings.connectionString,
    max: settings.maxConnections,
    connectionTimeoutMillis: settings.timeoutMs,
    statement_timeout: settings.timeoutMs,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    application_name: 'vpe-storage',
    types,
    // UTC sessions print TIMESTAMPTZ as `… +00`, which timestamptzToIso turns into ISO text cheaply.
    options: `-c TimeZone=UTC${settings.schema === null ? '' : ` -c search_path=${settings.schema}`}`,
  });
  const broken = new WeakSet<pg.PoolClient>();
  let errors = 0;
  pool.on('error', () => {
    // An idle client lost its connection; the pool has already dropped it.
    errors++;
  });
  pool.on('connect', (client) => {
    client.on('error', () => {
      errors++;
      broken.add(client);
    });
  });
  return { pool, broken, clientErrors: () => errors };
}
