import type { Timeline, TimelineData, TimelineStatus, TimelineVersionInfo } from '@vpe-storage/core';
import type { SqlDialect } from '../dialect/sql-dialect.js';
import type { SqlRow } from '../executor/sql-executor.js';
import { num, objectOf, type TableMapper, textOrNull } from './table-mapper.js';

/** Timeline versions ↔ rows of `timelines` (one row per id + version). */
export const timelineMapper: TableMapper<Timeline> = {
  table: 'timelines',
  key: ['id', 'version'],
  columns: [
    'id',
    'version',
    'video_id',
    'name',
    'timeline_data',
    'status',
    'created_by',
    'created_at',
    'updated_at',
    'metadata',
  ],
  toRow: (t, d) => [
    t.id,
    t.version,
    t.videoId,
    t.name,
    d.json(t.data),
    t.status,
    t.createdBy,
    d.timestamp(t.createdAt),
    d.timestamp(t.updatedAt),
    d.json(t.metadata),
  ],
  fromRow: (r, d) => ({
    id: String(r.id),
    version: num(r.version),
    videoId: String(r.video_id),
    name: textOrNull(r.name),
    data: d.readJson(r.timeline_data) as TimelineData,
    createdBy: textOrNull(r.created_by),
    metadata: objectOf(r.metadata, d),
    status: String(r.status) as TimelineStatus,
    createdAt: d.readTimestamp(r.created_at),
    updatedAt: d.readTimestamp(r.updated_at),
  }),
};

/** The summary of one version (what `versions(id)` lists). */
export function versionInfoFromRow(r: SqlRow, d: SqlDialect): TimelineVersionInfo {
  return {
    id: String(r.id),
    version: num(r.version),
    status: String(r.status) as TimelineStatus,
    createdBy: textOrNull(r.created_by),
    createdAt: d.readTimestamp(r.created_at),
    updatedAt: d.readTimestamp(r.updated_at),
  };
}
