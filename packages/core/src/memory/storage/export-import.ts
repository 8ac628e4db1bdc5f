import type { ExportRecord, ImportResult } from '../../contracts/base-storage.js';
import { parseOrThrow } from '../../errors/from-zod.js';
import { StorageError } from '../../errors/storage-error.js';
import type { Annotation } from '../../schemas/annotation.js';
import type { AuditEntry } from '../../schemas/audit.js';
import type { Detection } from '../../schemas/detection.js';
import type { Job } from '../../schemas/job.js';
import type { Model } from '../../schemas/model.js';
import { RECORD_SCHEMAS, TABLES, type TableName } from '../../schemas/records.js';
import type { Scene } from '../../schemas/scene.js';
import type { Timeline } from '../../schemas/timeline.js';
import type { Video } from '../../schemas/video.js';
import { alreadyExists } from './errors.js';
import { checkTables } from './integrity.js';
import { isIterable } from './iterables.js';
import { copy, countRows, emptyTables, rowsOf, type Tables } from './tables.js';

/** Every record of every table, tables in `RECORD_SCHEMAS` order (copies, so a later write never shows). */
export function exportTables(tables: Tables): ExportRecord[] {
  const out: ExportRecord[] = [];
  for (const table of TABLES)
    for (const record of rowsOf(tables, table)) out.push({ table, record: copy(record) });
  return out;
}

/** Adds a record to a unique-keyed table; `ALREADY_EXISTS` when its id is taken. */
function putUnique<T extends { id: string }>(map: Map<string, T>, entity: string, record: T): void {
  if (map.has(record.id)) throw alreadyExists(entity, 'id', record.id);
  map.set(record.id, record);
}

/** Puts one validated record into `tables`. */
function putRecord(tables: Tables, table: TableName, record: unknown): void {
  switch (table) {
    case 'videos': {
      tables.videos.insertUnique(record as Video);
      return;
    }
    case 'scenes':
      putUnique(tables.scenes, 'scene', record as Scene);
      return;
    case 'annotations':
      putUnique(tables.annotations, 'annotation', record as Annotation);
      return;
    case 'detections':
      putUnique(tables.detections, 'detection', record as Detection);
      return;
    case 'timelines': {
      const t = record as Timeline;
      const versions = tables.timelines.get(t.id) ?? [];
      if (versions.some((v) => v.version === t.version))
        throw alreadyExists('timeline', 'id+version', `${t.id}@${t.version}`);
      versions.push(t);
      versions.sort((a, b) => a.version - b.version);
      tables.timelines.set(t.id, versions);
      return;
    }
    case 'processing_jobs':
      putUnique(tables.processing_jobs, 'job', record as Job);
      return;
    case 'models':
      putUnique(tables.models, 'model', record as Model);
      return;
    case 'audit_log':
      putUnique(tables.audit_log, 'audit entry', record as AuditEntry);
      return;
  }
}

/**
 * Builds new tables from exported records: every record validated with its schema, ids unique,
 * every reference resolved. Throws before anything is returned, so the caller swaps all or nothing.
 */
export async function importTables(
  records: AsyncIterable<ExportRecord> | Iterable<ExportRecord>,
): Promise<{ tables: Tables; result: ImportResult }> {
  if (!isIterable(records)) {
    throw new StorageError(
      'VALIDATION',
      'invalid import: pass an array or an (async) iterable of exported records',
    );
  }
  const tables = emptyTables();
  let index = 0;
  for await (const item of records) {
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
    putRecord(tables, name, parseOrThrow(RECORD_SCHEMAS[name], item.record, `${name} record #${index}`));
    index++;
  }
  const dangling = checkTables(tables).find((issue) => issue.check === 'FOREIGN_KEY');
  if (dangling)
    throw new StorageError('CONSTRAINT', `cannot import: ${dangling.message}`, { details: { ...dangling } });
  const rows = Object.fromEntries(TABLES.map((t) => [t, countRows(tables, t)])) as Record<TableName, number>;
  return { tables, result: { rows } };
}
