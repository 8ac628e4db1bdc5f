import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { StorageError } from '@vpe-storage/core';
import type { SqlExecutor, SqlRow, SqlRunResult, SqlValue } from '@vpe-storage/sql';
import type pg from 'pg';
import { type CopyStreamQuery, from as copyFrom } from 'pg-copy-streams';
import { copyText } from './copy-text.js';
import { isStalePlan, mapPgError } from './pg-errors.js';
import { prepared } from './statements.js';

type Params = readonly SqlValue[];

/** A `COPY … FROM STDIN` left open between bulk batches, so the server parses one batch while we build the next. */
interface OpenCopy {
  target: string;
  sink: CopyStreamQuery;
  done: Promise<void>;
}

/**
 * The executor of one open transaction: every statement runs on its checked-out client; a nested
 * `transaction(fn)` joins it. After COMMIT or ROLLBACK it refuses work.
 */
export class PgTransaction implements SqlExecutor {
  readonly inTransaction = true;
  private done = false;
  /** Set when the connection broke or holds a stale prepared statement: the client must not be reused. */
  discardClient = false;
  private copy: OpenCopy | null = null;

  /** Wraps a client on which BEGIN has run. */
  constructor(readonly client: pg.PoolClient) {}

  /** Whether COMMIT or ROLLBACK has run. */
  get finished(): boolean {
    return this.done;
  }

  /** Marks the transaction as over; later statements are refused. */
  finish(): void {
    this.done = true;
  }

  /** Every row of a query. */
  async all<R extends SqlRow = SqlRow>(sql: string, params: Params = []): Promise<R[]> {
    return (await this.query(sql, params)).rows as R[];
  }

  /** The first row of a query, or undefined. */
  async get<R extends SqlRow = SqlRow>(sql: string, params: Params = []): Promise<R | undefined> {
    return (await this.query(sql, params)).rows[0] as R | undefined;
  }

  /** Runs one write statement. */
  async run(sql: string, params: Params = []): Promise<SqlRunResult> {
    return { changes: (await this.query(sql, params)).rowCount ?? 0 };
  }

  /** Runs one prepared statement per row, in order. */
  async runMany(sql: string, rows: readonly Params[]): Promise<number> {
    let changes = 0;
    for (const row of rows) changes += (await this.query(sql, row)).rowCount ?? 0;
    return changes;
  }

  /** Runs a script of statements without parameters (simple protocol). */
  async exec(script: string): Promise<void> {
    this.check();
    await this.flushCopy();
    try {
      await this.client.query(script);
    } catch (err) {
      throw this.fail(err);
    }
  }

  /** Joins this transaction; rows still streaming into a COPY are confirmed before it returns. */
  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const result = await fn(this);
    await this.flushCopy();
    return result;
  }

  /**
   * Sends rows to `table` through `COPY … FROM STDIN` (text format) on this transaction's client. The COPY
   * stays open for the next batch of the same table; the next statement, the end of the enclosing
   * `transaction(fn)` or COMMIT ends it and reports its errors.
   */
  async copyRows(table: string, columns: readonly string[], rows: readonly Params[]): Promise<void> {
    this.check();
    if (rows.length === 0) return;
    const target = `${table} (${columns.join(', ')})`;
    if (this.copy && (this.copy.target !== target || this.copy.sink.destroyed)) await this.flushCopy();
    if (!this.copy) {
      const sink = this.client.query(copyFrom(`COPY ${target} FROM STDIN`));
      // A server error mid-COPY must never become an unhandled 'error' event; flushCopy reports it.
      sink.on('error', () => undefined);
      const done = finished(sink);
      done.catch(() => undefined);
      this.copy = { target, sink, done };
    }
    const { sink, done } = this.copy;
    if (!sink.write(Buffer.from(copyText(rows), 'utf8'))) {
      await Promise.race([once(sink, 'drain'), done]).catch(() => undefined);
    }
  }

  /** Ends the open COPY, if any, and throws its error. */
  async flushCopy(): Promise<void> {
    const copy = this.copy;
    if (!copy) return;
    this.copy = null;
    if (!copy.sink.destroyed) copy.sink.end();
    try {
      await copy.done;
    } catch (err) {
      throw this.fail(err);
    }
  }

  /** Ends the open COPY ignoring its outcome (before a ROLLBACK, which would otherwise queue behind it). */
  async abandonCopy(): Promise<void> {
    await this.flushCopy().catch(() => undefined);
  }

  /** One statement on the client, as a named prepared statement. */
  async query(sql: string, params: Params): Promise<pg.QueryResult> {
    this.check();
    await this.flushCopy();
    try {
      return await this.client.query(prepared(sql, params));
    } catch (err) {
      throw this.fail(err);
    }
  }

  private check(): void {
    if (this.done) {
      throw new StorageError('CONFLICT', 'transaction already finished: start a new transaction');
    }
  }

  private fail(err: unknown): StorageError {
    const mapped = mapPgError(err);
    if (mapped.code === 'UNAVAILABLE' || isStalePlan(mapped)) this.discardClient = true;
    return mapped;
  }
}
