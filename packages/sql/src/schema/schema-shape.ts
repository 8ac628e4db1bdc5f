// The DDL is written once per dialect (types differ), but what the domain relies on must not drift
// between them: each adapter's tests read its live schema back into this shape and compare.

/** What both dialects' migrations must create, beyond column types. Every list is sorted. */
export interface SchemaShape {
  /** Named CHECK constraints, as `table.constraint`. */
  readonly checks: readonly string[];
  /** Foreign keys, as `table(columns) -> parent ON DELETE rule`. */
  readonly foreignKeys: readonly string[];
  /** Index names, except those backing PRIMARY KEY and UNIQUE constraints. */
  readonly indexes: readonly string[];
}

/** The shape of the domain tables after the latest migration, on every SQL backend. */
export const SCHEMA_SHAPE: SchemaShape = {
  checks: [
    'annotations.valid_bbox',
    'annotations.valid_confidence',
    'detections.valid_bbox',
    'detections.valid_confidence',
    'processing_jobs.valid_progress',
    'processing_jobs.valid_status',
    'scenes.valid_priority',
    'scenes.valid_scene_type',
    'scenes.valid_time_range',
    'timelines.valid_status',
  ],
  foreignKeys: [
    'annotations(scene_id) -> scenes ON DELETE SET NULL',
    'annotations(video_id) -> videos ON DELETE CASCADE',
    'detections(video_id) -> videos ON DELETE CASCADE',
    'processing_jobs(timeline_id, timeline_version) -> timelines ON DELETE CASCADE',
    'processing_jobs(video_id) -> videos ON DELETE CASCADE',
    'scenes(video_id) -> videos ON DELETE CASCADE',
    'timelines(video_id) -> videos ON DELETE CASCADE',
  ],
  indexes: [
    'idx_annotations_scene',
    'idx_annotations_video_timestamp',
    'idx_audit_at',
    'idx_audit_entity',
    'idx_detections_needs_review',
    'idx_detections_review_queue',
    'idx_detections_video_timestamp',
    'idx_jobs_status',
    'idx_jobs_timeline',
    'idx_jobs_video',
    'idx_models_created',
    'idx_models_type_area',
    'idx_scenes_video_time',
    'idx_timelines_video_status',
    'idx_videos_created',
    'idx_videos_file_key',
  ],
};
