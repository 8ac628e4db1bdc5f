import type { FileReference } from '../../contracts/base-storage.js';
import type { Tables } from './tables.js';

/** Every FileStore key named by a record: video files, frame images, model files, job outputs. */
export function collectFileReferences(tables: Tables): FileReference[] {
  const refs: FileReference[] = [];
  for (const v of tables.videos.values())
    refs.push({ key: v.fileKey, table: 'videos', id: v.id, column: 'fileKey' });
  for (const a of tables.annotations.values()) {
    if (a.imageKey !== null)
      refs.push({ key: a.imageKey, table: 'annotations', id: a.id, column: 'imageKey' });
  }
  for (const m of tables.models.values())
    refs.push({ key: m.fileKey, table: 'models', id: m.id, column: 'fileKey' });
  for (const j of tables.processing_jobs.values()) {
    if (j.outputKey !== null) {
      refs.push({ key: j.outputKey, table: 'processing_jobs', id: j.id, column: 'outputKey' });
    }
  }
  return refs;
}
