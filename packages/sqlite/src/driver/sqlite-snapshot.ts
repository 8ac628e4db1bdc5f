import type { SqlRow, SqlSnapshot, SqlValue } from '@vpe-storage/sql';
import type Database from 'better-sqlite3';
import { mapSqliteError } from './sqlite-errors.js';

/** A read transaction on a connection of its own: later writes through the main connection do not show. */
export class SqliteSnapshot implements SqlSnapshot {
  private closed = false;

  /** Starts the read transaction at once, so every later query sees the same state. */
  constructor(private readonly conn: Database.Database) {
    try {
      conn.exec('BEGIN');
      conn.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (err) {
      conn.close();
      throw mapSqliteError(err, 'opening a read snapshot');
    }
  }

  /** Streams the rows of a query one at a time. */
  async *stream<R extends SqlRow = SqlRow>(sql: string, params: readonly SqlValue[] = []): AsyncGenerator<R> {
    let iterator: IterableIterator<unknown>;
    try {
      iterator = this.conn.prepare(sql).iterate(...params);
    } catch (err) {
      throw mapSqliteError(err);
    }
    for (const row of iterator) yield row as R;
  }

  /** Ends the read transaction and closes the connection. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      if (this.conn.inTransaction) this.conn.exec('COMMIT');
    } finally {
      this.conn.close();
    }
  }
}
