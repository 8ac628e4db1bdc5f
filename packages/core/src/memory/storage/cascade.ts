import type { Tables } from './tables.js';

// The ON DELETE rules of the reference schema, applied by hand because Maps have no foreign keys.

/** Deletes every version of a timeline and, by cascade, its jobs. */
export function deleteTimelineRows(tables: Tables, timelineId: string): boolean {
  const existed = tables.timelines.delete(timelineId);
  for (const [id, job] of tables.processing_jobs)
    if (job.timelineId === timelineId) tables.processing_jobs.delete(id);
  return existed;
}

/** Deletes a scene; its annotations keep existing with `sceneId` set to null. */
export function deleteSceneRow(tables: Tables, sceneId: string): boolean {
  const existed = tables.scenes.delete(sceneId);
  if (existed) {
    for (const annotation of tables.annotations.values()) {
      if (annotation.sceneId === sceneId) annotation.sceneId = null;
    }
  }
  return existed;
}

/** Deletes a video and, by cascade, its scenes, annotations, detections, timelines and jobs. */
export function deleteVideoRows(tables: Tables, videoId: string): boolean {
  const existed = tables.videos.delete(videoId);
  for (const [id, row] of tables.scenes) if (row.videoId === videoId) tables.scenes.delete(id);
  for (const [id, row] of tables.annotations) if (row.videoId === videoId) tables.annotations.delete(id);
  for (const [id, row] of tables.detections) if (row.videoId === videoId) tables.detections.delete(id);
  for (const [id, versions] of tables.timelines) {
    if (versions.some((v) => v.videoId === videoId)) deleteTimelineRows(tables, id);
  }
  for (const [id, row] of tables.processing_jobs)
    if (row.videoId === videoId) tables.processing_jobs.delete(id);
  return existed;
}
