import type { TableName } from '@vpe-storage/core';
import type { StorageRawReader } from '@vpe-storage/core/conformance';
import pg from 'pg';

/** Counts rows with `SELECT count(*)` through a client of its own, bypassing the adapter. */
export function rawReader(url: string, schema: string): StorageRawReader & { close(): Promise<void> } {
  let client: pg.Client | null = null;
  const open = async () => {
    if (!client) {
      client = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
      client.on('error', () => undefined);
      await client.connect();
    }
    return client;
  };
  return {
    async countRows(table: TableName) {
      const c = await open();
      const { rows } = await c.query(`SELECT count(*)::int AS n FROM "${table}"`);
      return Number(rows[0]?.n);
    },
    async close() {
      await client?.end().catch(() => undefined);
      client = null;
    },
  };
}
