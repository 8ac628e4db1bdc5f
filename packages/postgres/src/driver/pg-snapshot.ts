import type { SqlRow, SqlSnapshot, SqlValue } from '@vpe-storage/sql';
import type pg from 'pg';
import { mapPgError } from './pg-errors.js';
import { pgValues } from './statements.js';

const FETCH_SIZE = 1000;

/**
 * A REPEATABLE READ, READ ONLY transaction on a client of its own: every query sees the state of its
 * first statement. Rows stream through a server-side cursor, FETCH_SIZE at a time.
 */
export class PgSnapshot implements SqlSnapshot {
  private closed = false;
  private cursors = 0;
  private broken = false;

  private constructor(
    private readonly client: pg.PoolClient,
    private readonly release: (client: pg.PoolClient, broken: boolean) => void,
  ) {}

  /** Begins the snapshot and pins it with a first statement. */
  static async open(
    client: pg.PoolClient,
    release: (client: pg.PoolClient, broken: boolean) => void,
  ): Promise<PgSnapshot> {
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT 1');
    } catch (err) {
      release(client, true);
      throw mapPgError(err, 'opening a read snapshot');
    }
    return new PgSnapshot(client, release);
  }

  /** Streams the rows of a query through `DECLARE … CURSOR` and `FETCH`. */
  async *stream<R extends SqlRow = SqlRow>(sql: string, params: readonly SqlValue[] = []): AsyncGenerator<R> {
    const name = `vpe_cursor_${++this.cursors}`;
    await this.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`, pgValues(params));
    try {
      for (;;) {
        const { rows } = await this.query(`FETCH ${FETCH_SIZE} FROM ${name}`, []);
        for (const row of rows) yield row as R;
        if (rows.length < FETCH_SIZE) break;
      }
    } finally {
      if (!this.broken && !this.closed) await this.query(`CLOSE ${name}`, []).catch(() => undefined);
    }
  }

  /** Ends the transaction and returns the client to the pool. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      if (!this.broken) await this.client.query('COMMIT');
    } catch {
      this.broken = true;
    } finally {
      this.release(this.client, this.broken);
    }
  }

  private async query(sql: string, values: unknown[]): Promise<pg.QueryResult> {
    try {
      return await this.client.query(sql, values);
    } catch (err) {
      const mapped = mapPgError(err);
      if (mapped.code === 'UNAVAILABLE') this.broken = true;
      throw mapped;
    }
  }
}
