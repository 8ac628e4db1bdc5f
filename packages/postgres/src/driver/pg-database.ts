import { AsyncLocalStorage } from 'node:async_hooks';
import { StorageError } from '@vpe-storage/core';
import type {
  SqlDatabase,
  SqlExecutor,
  SqlRow,
  SqlRunResult,
  SqlSnapshot,
  SqlValue,
  TransactionMode,
} from '@vpe-storage/sql';
import type pg from 'pg';
import { isStalePlan, mapPgError } from './pg-errors.js';
import { PgSnapshot } from './pg-snapshot.js';
import { PgTransaction } from './pg-transaction.js';
import type { PgPool } from './pool.js';
import { isIdempotentRead, isRetryableLoss, READ_RETRY_DELAYS_MS, sleep } from './read-retry.js';
import { prepared } from './statements.js';

type Params = readonly SqlValue[];

/**
 * The async executor over a pg Pool. A statement outside a transaction runs on any pooled client (a read
 * whose connection was lost is retried); `transaction(fn)` holds one client from BEGIN to COMMIT, and a
 * root call made from inside `fn` joins that transaction rather than waiting for another client.
 * Write transactions first take a transaction-scoped advisory lock of the schema: writers are serialized
 * as in SQLite's BEGIN IMMEDIATE, so the shared read-then-write repositories never lose an update;
 * single-statement writes (creates, claims with SKIP LOCKED) and bulk inserts run concurrently.
 */
export class PgDatabase implements SqlDatabase {
  readonly inTransaction = false;
  private readonly scope = new AsyncLocalStorage<PgTransaction>();

  /** Wraps a pool; `writeLockKey` is the advisory lock key (a bigint literal) of this schema's writers. */
  constructor(
    private readonly pg: PgPool,
    private readonly writeLockKey: string,
    private readonly context: string,
  ) {}

  /** The pool (for maintenance statements that must run outside a transaction). */
  get pool(): pg.Pool {
    return this.pg.pool;
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

  /** Runs one prepared statement per row inside one transaction. */
  runMany(sql: string, rows: readonly Params[]): Promise<number> {
    return this.transaction((tx) => tx.runMany(sql, rows));
  }

  /** Runs a DDL script (in the open transaction of this async context, if any). */
  async exec(script: string): Promise<void> {
    const tx = this.active();
    if (tx) return tx.exec(script);
    await this.onPooledClient({ text: script });
  }

  /** Runs `fn` in one transaction on one client; joins the transaction already open in this async context. */
  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>, mode: TransactionMode = 'write'): Promise<T> {
    const open = this.active();
    if (open) return fn(open);
    const client = await this.connect();
    const tx = new PgTransaction(client);
    let broken = true;
    try {
      await this.control(client, this.beginSql(mode));
      let result: T;
      try {
        result = await this.scope.run(tx, () => fn(tx));
        await tx.flushCopy();
      } catch (err) {
        // The callback's own error is rethrown as is, after the rollback.
        await tx.abandonCopy();
        tx.finish();
        if (!tx.discardClient) {
          broken = await this.control(client, 'ROLLBACK').then(
            () => false,
            () => true,
          );
        }
        throw err;
      }
      tx.finish();
      const commit = await this.control(client, 'COMMIT');
      broken = false;
      // COMMIT of a transaction in which a statement failed (and fn swallowed the error) rolls back.
      if (commit.command === 'ROLLBACK') {
        throw new StorageError(
          'CONFLICT',
          'the transaction was rolled back because one of its statements failed: let errors inside a transaction propagate, then retry it',
          { retryable: true },
        );
      }
      return result;
    } catch (err) {
      // A failed COMMIT (deferred foreign keys) ends the transaction too; the connection is still fine.
      if (err instanceof StorageError && err.code !== 'UNAVAILABLE' && err.details.phase === 'COMMIT') {
        broken = false;
      }
      throw err;
    } finally {
      tx.finish();
      this.release(client, broken || tx.discardClient);
    }
  }

  /**
   * BEGIN for a mode: writers take the schema's write lock; a bulk insert only inserts (unique keys and
   * foreign keys guard it), so it skips the lock and, fed by a producer of any speed, the statement timeout.
   */
  private beginSql(mode: TransactionMode): string {
    if (mode === 'read') return 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY';
    if (mode === 'bulk') return 'BEGIN; SET LOCAL statement_timeout = 0';
    return `BEGIN; SELECT pg_advisory_xact_lock(${this.writeLockKey})`;
  }

  /** A REPEATABLE READ snapshot on a client of its own. */
  async openSnapshot(): Promise<SqlSnapshot> {
    const client = await this.connect();
    return PgSnapshot.open(client, (c, broken) => this.release(c, broken));
  }

  /** Ends the pool once checked-out clients are back. */
  async close(): Promise<void> {
    await this.pg.pool.end();
  }

  /** The transaction open in this async context, unless it has finished. */
  private active(): PgTransaction | undefined {
    const tx = this.scope.getStore();
    return tx && !tx.finished ? tx : undefined;
  }

  private async connect(): Promise<pg.PoolClient> {
    try {
      return await this.pg.pool.connect();
    } catch (err) {
      throw mapPgError(err, this.context);
    }
  }

  /** BEGIN, COMMIT or ROLLBACK; failures become StorageErrors that name the phase. */
  private async control(client: pg.PoolClient, sql: string): Promise<pg.QueryResult> {
    try {
      const result = await client.query(sql);
      return Array.isArray(result) ? (result[result.length - 1] as pg.QueryResult) : result;
    } catch (err) {
      const mapped = mapPgError(err);
      mapped.details.phase = sql.split(/[ ;]/)[0];
      throw mapped;
    }
  }

  /**
   * One query on a pooled client. Unlike pool.query, which discards the client after any error, only a
   * lost connection or a stale prepared statement discards it: a constraint error keeps the connection.
   */
  private async onPooledClient(query: pg.QueryConfig): Promise<pg.QueryResult> {
    const client = await this.connect();
    let discard = false;
    try {
      return await client.query(query);
    } catch (err) {
      const mapped = mapPgError(err);
      discard = mapped.code === 'UNAVAILABLE' || isStalePlan(mapped);
      throw mapped;
    } finally {
      this.release(client, discard);
    }
  }

  private release(client: pg.PoolClient, broken: boolean): void {
    client.release(broken || this.pg.broken.has(client));
  }

  /** One statement: in the open transaction, or on a pooled client (reads retried after a lost connection). */
  private async query(sql: string, params: Params): Promise<pg.QueryResult> {
    const tx = this.active();
    if (tx) return tx.query(sql, params);
    const retries = isIdempotentRead(sql) ? READ_RETRY_DELAYS_MS : [];
    let staleRetried = false;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.onPooledClient(prepared(sql, params));
      } catch (err) {
        const mapped = err as StorageError;
        // The client with the stale statement was discarded: run it again, once, on another.
        if (isStalePlan(mapped) && !staleRetried) {
          staleRetried = true;
          attempt--;
          continue;
        }
        const delay = retries[attempt];
        if (delay === undefined || !isRetryableLoss(mapped)) throw mapped;
        await sleep(delay);
      }
    }
  }
}
