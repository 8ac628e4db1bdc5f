import {
  type ExportRecord,
  type FileReference,
  type ImportResult,
  parseOrThrow,
  RECORD_SCHEMAS,
  StorageError,
  TABLES,
  type TableName,
} from '@vpe-storage/core';
import type { SqlDialect } from '../dialect/sql-dialect.js';
import type { SqlExecutor, SqlSnapshot, SqlValue } from '../executor/sql-executor.js';
import { TABLE_MAPPERS } from '../mapping/index.js';
import type { TableMapper } from '../mapping/table-mapper.js';

/** A table's mapper with record types erased (records come from the wire and are validated first). */
function mapperOf(table: TableName): TableMapper<Record<string, unknown>> {
  return TABLE_MAPPERS[table] as unknown as TableMapper<Record<string, unknown>>;
}

/** Every record of every table in dependency order, read from one snapshot. */
export async function* exportFromSnapshot(
  snapshot: SqlSnapshot,
  d: SqlDialect,
): AsyncGenerator<ExportRecord> {
  for (const table of TABLES) {
    const mapper = mapperOf(table);
    for await (const row of snapshot.stream(
      d.sql(`SELECT * FROM ${table} ORDER BY ${mapper.key.join(', ')}`),
    )) {
      yield { table, record: mapper.fromRow(row, d) };
    }
  }
}

/** Every FileStore key named by a record, read from one snapshot. */
export async function* referencesFromSnapshot(
  snapshot: SqlSnapshot,
  d: SqlDialect,
): AsyncGenerator<FileReference> {
  const sources: [TableName, string, string][] = [
    ['videos', 'file_key', 'fileKey'],
    ['annotations', 'image_key', 'imageKey'],
    ['models', 'file_key', 'fileKey'],
    ['processing_jobs', 'output_key', 'outputKey'],
  ];
  for (const [table, columnName, field] of sources) {
    const sql = `SELECT id, ${columnName} AS k FROM ${table} WHERE ${columnName} IS NOT NULL ORDER BY id`;
    for await (const row of snapshot.stream(d.sql(sql))) {
      yield { key: String(row.k), table, id: String(row.id), column: field };
    }
  }
}

/** Row counts of every table. */
export async function countAll(exec: SqlExecutor, d: SqlDialect): Promise<Record<TableName, number>> {
  const sql = TABLES.map((t) => `SELECT '${t}' AS t, count(*) AS n FROM ${t}`).join(' UNION ALL ');
  const rows = await exec.all(d.sql(sql));
  const out = Object.fromEntries(TABLES.map((t) => [t, 0])) as Record<TableName, number>;
  for (const r of rows) out[r.t as TableName] = Number(r.n);
  return out;
}

/**
 * Loads exported records inside the caller's transaction: each validated with its schema, inserted in
 * batches; `CONFLICT` when the store already holds records. Foreign keys are checked at commit
 * (`deferConstraints`), so records may arrive in any order.
 */
export async function importInto(
  tx: SqlExecutor,
  d: SqlDialect,
  records: AsyncIterable<ExportRecord> | Iterable<ExportRecord>,
  batchSize: number,
  deferConstraints: string | null,
): Promise<ImportResult> {
  const existing = await countAll(tx, d);
  if (TABLES.some((t) => existing[t] > 0)) {
    throw new StorageError(
      'CONFLICT',
      'cannot import into a store that holds records: import into an empty store',
    );
  }
  if (deferConstraints) await tx.exec(deferConstraints);
  const rows = Object.fromEntries(TABLES.map((t) => [t, 0])) as Record<TableName, number>;
  const pending = new Map<TableName, SqlValue[][]>();
  const flush = async (table: TableName) => {
    const batch = pending.get(table);
    if (!batch || batch.length === 0) return;
    await d.bulkInsert(tx, table, mapperOf(table).columns, batch);
    pending.set(table, []);
  };
  let index = 0;
  for await (const item of records as AsyncIterable<ExportRecord>) {
    const table = (item as Partial<ExportRecord> | null)?.table;
    if (typeof table !== 'string' || !(table in RECORD_SCHEMAS)) {
      throw new StorageError(
        'VALIDATION',
        `invalid import record #${index}: unknown table ${JSON.stringify(table)}`,
        {
          details: { index, table },
        },
      );
    }
    const name = table as TableName;
    const record = parseOrThrow(RECORD_SCHEMAS[name], item.record, `${name} record #${index}`) as Record<
      string,
      unknown
    >;
    let batch = pending.get(name);
    if (!batch) {
      batch = [];
      pending.set(name, batch);
    }
    batch.push(mapperOf(name).toRow(record, d));
    rows[name]++;
    index++;
    if (batch.length >= batchSize) await flush(name);
  }
  for (const table of TABLES) await flush(table);
  return { rows };
}
