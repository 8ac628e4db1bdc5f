import type { TableName } from '@vpe-storage/core';
import { annotationMapper } from './annotation-row.js';
import { auditMapper } from './audit-row.js';
import { detectionMapper } from './detection-row.js';
import { jobMapper } from './job-row.js';
import { modelMapper } from './model-row.js';
import { sceneMapper } from './scene-row.js';
import type { TableMapper } from './table-mapper.js';
import { timelineMapper } from './timeline-row.js';
import { videoMapper } from './video-row.js';

export * from './table-mapper.js';
export { versionInfoFromRow } from './timeline-row.js';
export {
  annotationMapper,
  auditMapper,
  detectionMapper,
  jobMapper,
  modelMapper,
  sceneMapper,
  timelineMapper,
  videoMapper,
};

/** Every table's mapper by table name. */
export const TABLE_MAPPERS: { readonly [T in TableName]: TableMapper<never> } = {
  videos: videoMapper,
  scenes: sceneMapper,
  annotations: annotationMapper,
  detections: detectionMapper,
  timelines: timelineMapper,
  processing_jobs: jobMapper,
  models: modelMapper,
  audit_log: auditMapper,
} as unknown as { readonly [T in TableName]: TableMapper<never> };
