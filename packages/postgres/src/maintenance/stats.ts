import { TABLES } from '@vpe-storage/core';
import type { SizeDetails, SqlExecutor } from '@vpe-storage/sql';

interface RelationRow {
  relname: string;
  bytes: number;
  estimate: number;
}

/** pg_total_relation_size and the planner's row estimate of every table, and the size of the database. */
export async function pgSizeDetails(db: SqlExecutor): Promise<SizeDetails> {
  const rels = await db.all<RelationRow & Record<string, unknown>>(
    'SELECT c.relname, pg_total_relation_size(c.oid)::bigint AS bytes, c.reltuples::bigint AS estimate' +
      ' FROM pg_class c WHERE c.relkind = $1 AND c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())' +
      ' AND c.relname = ANY($2::text[])',
    ['r', `{${[...TABLES, 'schema_migrations'].join(',')}}`],
  );
  const info = await db.get(
    'SELECT current_database() AS database, current_schema() AS schema,' +
      ' pg_database_size(current_database())::bigint AS database_bytes, current_setting($1) AS server_version',
    ['server_version'],
  );
  const tables: Record<string, { bytes: number; estimatedRows: number | null }> = {};
  let total = 0;
  for (const r of rels) {
    const bytes = Number(r.bytes);
    total += bytes;
    // reltuples is -1 until the table is first vacuumed or analyzed.
    tables[r.relname] = { bytes, estimatedRows: Number(r.estimate) < 0 ? null : Number(r.estimate) };
  }
  return {
    sizeBytes: total,
    details: {
      database: info?.database,
      schema: info?.schema,
      databaseBytes: Number(info?.database_bytes ?? 0),
      serverVersion: info?.server_version,
      tables,
    },
  };
}
