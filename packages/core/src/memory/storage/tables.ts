import type { Annotation } from '../../schemas/annotation.js';
import type { AuditEntry } from '../../schemas/audit.js';
import type { Detection } from '../../schemas/detection.js';
import type { Job } from '../../schemas/job.js';
import type { Model } from '../../schemas/model.js';
import type { TableName } from '../../schemas/records.js';
import type { Scene } from '../../schemas/scene.js';
import type { Timeline } from '../../schemas/timeline.js';
import { VideoTable } from './video-table.js';

/** The in-memory tables, named like the SQL tables. Timelines hold every version of an id, oldest first. */
export interface Tables {
  videos: VideoTable;
  scenes: Map<string, Scene>;
  annotations: Map<string, Annotation>;
  detections: Map<string, Detection>;
  timelines: Map<string, Timeline[]>;
  processing_jobs: Map<string, Job>;
  models: Map<string, Model>;
  audit_log: Map<string, AuditEntry>;
}

/** A new set of empty tables. */
export function emptyTables(): Tables {
  return {
    videos: new VideoTable(),
    scenes: new Map(),
    annotations: new Map(),
    detections: new Map(),
    timelines: new Map(),
    processing_jobs: new Map(),
    models: new Map(),
    audit_log: new Map(),
  };
}

/** A deep copy of every table (a transaction's rollback snapshot). */
export function cloneTables(tables: Tables): Tables {
  const { videos, ...rest } = tables;
  // structuredClone turns a Map subclass into a plain Map: rebuild the video table (and its index).
  return { ...structuredClone(rest), videos: VideoTable.of(structuredClone([...videos.values()])) };
}

/** The number of rows of `table` (every timeline version is a row). */
export function countRows(tables: Tables, table: TableName): number {
  if (table === 'timelines') {
    let n = 0;
    for (const versions of tables.timelines.values()) n += versions.length;
    return n;
  }
  return tables[table].size;
}

/** True when no table holds a row. */
export function isEmpty(tables: Tables): boolean {
  return Object.values(tables).every((t: Map<string, unknown>) => t.size === 0);
}

/** A deep copy of a record: what goes in and what comes out of the store never share objects with the caller. */
export function copy<T>(value: T): T {
  return structuredClone(value);
}

/** The shared state the repositories work on; `tables` is swapped whole on rollback. */
export class MemoryDb {
  tables: Tables = emptyTables();

  constructor(readonly bulkInsertBatchSize: number) {}
}

/** Every row of `table` (each timeline version is a row). */
export function rowsOf(tables: Tables, table: TableName): Record<string, unknown>[] {
  if (table === 'timelines') return [...tables.timelines.values()].flat();
  return [...(tables[table] as Map<string, Record<string, unknown>>).values()];
}
