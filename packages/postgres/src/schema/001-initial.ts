import type { Migration } from '@vpe-storage/sql';

// The SQLite migration 1 in PostgreSQL types, column for column (the shared queries use these names):
// DOUBLE PRECISION for times and confidences (float4 would break exact round trips), BIGINT for
// integers (the schemas allow any safe integer), JSONB, TIMESTAMPTZ with millisecond defaults, BOOLEAN
// with the reference's partial index `WHERE needs_review`. Foreign keys are DEFERRABLE (checked
// immediately unless an import defers them to commit) and keep the reference's ON DELETE rules.
const NOW = "date_trunc('milliseconds', now())";
const FK = 'DEFERRABLE INITIALLY IMMEDIATE';
// Every text column compares bytewise (code-point order) as SQLite's BINARY does, whatever the database's
// collation: lists ordered by (…, id) and keyset cursors then page alike on every backend.
const TEXT = 'TEXT COLLATE "C"';

const sql = `
CREATE TABLE videos (
  id ${TEXT} PRIMARY KEY,
  filename ${TEXT} NOT NULL,
  file_key ${TEXT} NOT NULL UNIQUE,
  duration DOUBLE PRECISION NOT NULL,
  frame_rate DOUBLE PRECISION NOT NULL,
  width BIGINT NOT NULL,
  height BIGINT NOT NULL,
  file_size BIGINT NOT NULL,
  codec ${TEXT},
  checksum ${TEXT},
  created_at TIMESTAMPTZ NOT NULL DEFAULT ${NOW},
  updated_at TIMESTAMPTZ NOT NULL DEFAULT ${NOW},
  metadata JSONB NOT NULL DEFAULT '{}'
);

CREATE TABLE scenes (
  id ${TEXT} PRIMARY KEY,
  video_id ${TEXT} NOT NULL REFERENCES videos(id) ON DELETE CASCADE ${FK},
  start_time DOUBLE PRECISION NOT NULL,
  end_time DOUBLE PRECISION NOT NULL,
  scene_type ${TEXT} NOT NULL,
  description ${TEXT},
  priority ${TEXT} NOT NULL DEFAULT 'medium',
  created_at TIMESTAMPTZ NOT NULL DEFAULT ${NOW},
  metadata JSONB NOT NULL DEFAULT '{}',
  CONSTRAINT valid_time_range CHECK (end_time > start_time),
  CONSTRAINT valid_scene_type CHECK (scene_type IN ('chatgpt', 'atuin', 'terminal', 'custom')),
  CONSTRAINT valid_priority CHECK (priority IN ('low', 'medium', 'high'))
);

CREATE TABLE annotations (
  id ${TEXT} PRIMARY KEY,
  video_id ${TEXT} NOT NULL REFERENCES videos(id) ON DELETE CASCADE ${FK},
  scene_id ${TEXT} REFERENCES scenes(id) ON DELETE SET NULL ${FK},
  timestamp DOUBLE PRECISION NOT NULL,
  frame_number BIGINT NOT NULL,
  bbox_x BIGINT NOT NULL,
  bbox_y BIGINT NOT NULL,
  bbox_width BIGINT NOT NULL,
  bbox_height BIGINT NOT NULL,
  label ${TEXT} NOT NULL,
  confidence DOUBLE PRECISION NOT NULL DEFAULT 1.0,
  image_key ${TEXT},
  annotated_by ${TEXT},
  created_at TIMESTAMPTZ NOT NULL DEFAULT ${NOW},
  metadata JSONB NOT NULL DEFAULT '{}',
  CONSTRAINT valid_bbox CHECK (bbox_width > 0 AND bbox_height > 0 AND bbox_x >= 0 AND bbox_y >= 0),
  CONSTRAINT valid_confidence CHECK (confidence >= 0.0 AND confidence <= 1.0)
);

CREATE TABLE detections (
  id ${TEXT} PRIMARY KEY,
  video_id ${TEXT} NOT NULL REFERENCES videos(id) ON DELETE CASCADE ${FK},
  timestamp DOUBLE PRECISION NOT NULL,
  frame_number BIGINT NOT NULL,
  detector_type ${TEXT} NOT NULL,
  bbox_x BIGINT NOT NULL,
  bbox_y BIGINT NOT NULL,
  bbox_width BIGINT NOT NULL,
  bbox_height BIGINT NOT NULL,
  confidence DOUBLE PRECISION NOT NULL,
  needs_review BOOLEAN NOT NULL DEFAULT FALSE,
  reviewed_by ${TEXT},
  reviewed_at TIMESTAMPTZ,
  detection_metadata JSONB NOT NULL DEFAULT '{}',
  created_at TIMESTAMPTZ NOT NULL DEFAULT ${NOW},
  CONSTRAINT valid_bbox CHECK (bbox_width > 0 AND bbox_height > 0),
  CONSTRAINT valid_confidence CHECK (confidence >= 0.0 AND confidence <= 1.0)
);

CREATE TABLE timelines (
  id ${TEXT} NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  video_id ${TEXT} NOT NULL REFERENCES videos(id) ON DELETE CASCADE ${FK},
  name ${TEXT},
  timeline_data JSONB NOT NULL,
  status ${TEXT} NOT NULL DEFAULT 'draft',
  created_by ${TEXT},
  created_at TIMESTAMPTZ NOT NULL DEFAULT ${NOW},
  updated_at TIMESTAMPTZ NOT NULL DEFAULT ${NOW},
  metadata JSONB NOT NULL DEFAULT '{}',
  PRIMARY KEY (id, version),
  CONSTRAINT valid_status CHECK (status IN ('draft', 'approved', 'processed', 'archived'))
);

CREATE TABLE processing_jobs (
  id ${TEXT} PRIMARY KEY,
  video_id ${TEXT} NOT NULL REFERENCES videos(id) ON DELETE CASCADE ${FK},
  timeline_id ${TEXT} NOT NULL,
  timeline_version BIGINT NOT NULL,
  status ${TEXT} NOT NULL DEFAULT 'pending',
  progress DOUBLE PRECISION NOT NULL DEFAULT 0.0,
  output_key ${TEXT},
  error_message ${TEXT},
  processing_config JSONB,
  worker_id ${TEXT},
  started_at TIMESTAMPTZ,
  completed_at TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL DEFAULT ${NOW},
  FOREIGN KEY (timeline_id, timeline_version) REFERENCES timelines(id, version) ON DELETE CASCADE ${FK},
  CONSTRAINT valid_status CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled')),
  CONSTRAINT valid_progress CHECK (progress >= 0.0 AND progress <= 100.0)
);

CREATE TABLE models (
  id ${TEXT} PRIMARY KEY,
  name ${TEXT} NOT NULL,
  model_type ${TEXT} NOT NULL,
  area_type ${TEXT} NOT NULL,
  version ${TEXT} NOT NULL DEFAULT '1.0',
  file_key ${TEXT} NOT NULL,
  training_data_count BIGINT NOT NULL DEFAULT 0,
  accuracy_metrics JSONB,
  created_at TIMESTAMPTZ NOT NULL DEFAULT ${NOW},
  updated_at TIMESTAMPTZ NOT NULL DEFAULT ${NOW},
  metadata JSONB NOT NULL DEFAULT '{}'
);

CREATE TABLE audit_log (
  id ${TEXT} PRIMARY KEY,
  actor ${TEXT},
  action ${TEXT} NOT NULL,
  entity_type ${TEXT} NOT NULL,
  entity_id ${TEXT} NOT NULL,
  details JSONB NOT NULL DEFAULT '{}',
  at TIMESTAMPTZ NOT NULL DEFAULT ${NOW}
);

CREATE INDEX idx_videos_file_key ON videos(file_key);
CREATE INDEX idx_videos_created ON videos(created_at, id);
CREATE INDEX idx_scenes_video_time ON scenes(video_id, start_time, end_time);
CREATE INDEX idx_annotations_video_timestamp ON annotations(video_id, timestamp, id);
CREATE INDEX idx_annotations_scene ON annotations(scene_id);
CREATE INDEX idx_detections_video_timestamp ON detections(video_id, timestamp, id);
CREATE INDEX idx_detections_needs_review ON detections(needs_review) WHERE needs_review;
CREATE INDEX idx_detections_review_queue ON detections(timestamp, id) WHERE needs_review;
CREATE INDEX idx_timelines_video_status ON timelines(video_id, status);
CREATE INDEX idx_jobs_status ON processing_jobs(status, created_at, id);
CREATE INDEX idx_jobs_video ON processing_jobs(video_id, created_at, id);
CREATE INDEX idx_jobs_timeline ON processing_jobs(timeline_id, timeline_version);
CREATE INDEX idx_models_type_area ON models(model_type, area_type);
CREATE INDEX idx_models_created ON models(created_at, id);
CREATE INDEX idx_audit_at ON audit_log(at, id);
CREATE INDEX idx_audit_entity ON audit_log(entity_type, entity_id);
`;

/** Migration 1: the seven reference tables (adapted) plus `audit_log`, with every index. */
export const initialSchema: Migration = { version: 1, name: 'initial schema', sql };
