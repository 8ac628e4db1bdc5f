import { AnnotationSchema } from './annotation.js';
import { AuditEntrySchema } from './audit.js';
import { DetectionSchema } from './detection.js';
import { JobSchema } from './job.js';
import { ModelSchema } from './model.js';
import { SceneSchema } from './scene.js';
import { TimelineSchema } from './timeline.js';
import { VideoSchema } from './video.js';

/**
 * Every stored record schema by table name, in dependency order: importing tables in this order
 * never violates a foreign key, deleting in reverse never cascades unexpectedly.
 */
export const RECORD_SCHEMAS = {
  videos: VideoSchema,
  scenes: SceneSchema,
  annotations: AnnotationSchema,
  detections: DetectionSchema,
  timelines: TimelineSchema,
  processing_jobs: JobSchema,
  models: ModelSchema,
  audit_log: AuditEntrySchema,
} as const;

/** The table names of the records, in dependency order. */
export const TABLES = Object.keys(RECORD_SCHEMAS) as TableName[];
/** The name of one records table. */
export type TableName = keyof typeof RECORD_SCHEMAS;
