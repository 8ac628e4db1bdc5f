import { StorageError } from '@vpe-storage/core';
import type { SqlDialect } from '../dialect/sql-dialect.js';
import type { SqlExecutor, SqlRow } from '../executor/sql-executor.js';

/** What every repository runs on: an executor (root or transaction), the dialect, and the bulk batch size. */
export interface RepoContext {
  readonly exec: SqlExecutor;
  readonly d: SqlDialect;
  readonly batchSize: number;
}

/** Runs a query expected to return at most one row and maps it. */
export async function getOne<T>(
  ctx: RepoContext,
  sql: string,
  params: readonly (string | number | null)[],
  map: (row: SqlRow) => T,
): Promise<T | null> {
  const row = await ctx.exec.get(ctx.d.sql(sql), params);
  return row === undefined ? null : map(row);
}

/** An ISO timestamp strictly after `previous` (bumped by 1 ms when the clock has not moved on). */
export function laterThan(previous: string, now = new Date().toISOString()): string {
  return now > previous ? now : new Date(Date.parse(previous) + 1).toISOString();
}

/** Names the entity and id in a constraint error raised by the driver, so the message says which record failed. */
export async function withEntity<T>(entity: string, id: string, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof StorageError && (err.code === 'ALREADY_EXISTS' || err.code === 'CONSTRAINT')) {
      throw new StorageError(err.code, `${entity} ${JSON.stringify(id)}: ${err.message}`, {
        cause: err.cause ?? err,
        details: { ...err.details, entity, id },
        retryable: err.retryable,
      });
    }
    throw err;
  }
}
