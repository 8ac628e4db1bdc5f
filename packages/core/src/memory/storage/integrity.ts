import type { IntegrityIssue } from '../../contracts/base-storage.js';
import { RECORD_SCHEMAS, TABLES, type TableName } from '../../schemas/records.js';
import { rowsOf, type Tables } from './tables.js';

/** One `FOREIGN_KEY` issue. */
function dangling(table: TableName, id: string, column: string, target: string): IntegrityIssue {
  return {
    severity: 'error',
    check: 'FOREIGN_KEY',
    table,
    id,
    message: `${table} ${JSON.stringify(id)} references a missing ${target} through ${column}: delete the row or restore its parent`,
  };
}

/** Re-parses every record with its schema and looks for references to missing parents. */
export function checkTables(tables: Tables): IntegrityIssue[] {
  const issues: IntegrityIssue[] = [];
  for (const table of TABLES) {
    for (const record of rowsOf(tables, table)) {
      const result = RECORD_SCHEMAS[table].safeParse(record);
      if (result.success) continue;
      const first = result.error.issues[0];
      issues.push({
        severity: 'error',
        check: table === 'timelines' && first?.path[0] === 'data' ? 'BAD_TIMELINE_DATA' : 'BAD_RECORD',
        table,
        id: String((record as { id?: unknown }).id),
        message: `${table} row does not match its schema at ${first?.path.join('.') || '(root)'}: ${first?.message}`,
      });
    }
  }
  const hasVideo = (id: string) => tables.videos.has(id);
  for (const s of tables.scenes.values())
    if (!hasVideo(s.videoId)) issues.push(dangling('scenes', s.id, 'videoId', 'video'));
  for (const a of tables.annotations.values()) {
    if (!hasVideo(a.videoId)) issues.push(dangling('annotations', a.id, 'videoId', 'video'));
    if (a.sceneId !== null && !tables.scenes.has(a.sceneId))
      issues.push(dangling('annotations', a.id, 'sceneId', 'scene'));
  }
  for (const d of tables.detections.values()) {
    if (!hasVideo(d.videoId)) issues.push(dangling('detections', d.id, 'videoId', 'video'));
  }
  for (const versions of tables.timelines.values()) {
    for (const t of versions)
      if (!hasVideo(t.videoId)) issues.push(dangling('timelines', t.id, 'videoId', 'video'));
  }
  for (const j of tables.processing_jobs.values()) {
    if (!hasVideo(j.videoId)) issues.push(dangling('processing_jobs', j.id, 'videoId', 'video'));
    const versions = tables.timelines.get(j.timelineId);
    if (!versions?.some((t) => t.version === j.timelineVersion)) {
      issues.push(dangling('processing_jobs', j.id, 'timelineId', 'timeline version'));
    }
  }
  return issues;
}
