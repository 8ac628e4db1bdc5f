import type { Annotation, AnnotationInput } from '../schemas/annotation.js';
import type { AuditEntry, AuditInput } from '../schemas/audit.js';
import type { Detection, DetectionInput } from '../schemas/detection.js';
import type { Job, JobInput, JobStatus } from '../schemas/job.js';
import type { Model, ModelInput } from '../schemas/model.js';
import type { Scene, SceneInput } from '../schemas/scene.js';
import type { Timeline, TimelineInput, TimelineVersionInfo } from '../schemas/timeline.js';
import type { Video, VideoInput } from '../schemas/video.js';
import type { Page, PageRequest } from './page.js';

/**
 * Conventions of every repository:
 * - inputs are validated with the zod schemas before anything is written (`VALIDATION`);
 * - `get` returns null when the record does not exist; a mutation of a missing record throws `NOT_FOUND`;
 * - `delete` returns whether a record was deleted;
 * - a reference to a missing parent (video, timeline, scene) throws `CONSTRAINT`;
 * - lists are ordered as documented, paginated by an opaque cursor, and ties are broken by id;
 * - a cursor that is not the `nextCursor` of an earlier page of the same list (malformed, from another
 *   list, or holding sort values of the wrong type) is `VALIDATION`;
 * - text is stored exactly: strings with NUL or lone surrogates, and integers beyond 32 bits where the
 *   schemas cap them, are `VALIDATION`.
 */

/** Videos (table `videos`). */
export interface VideoRepository {
  /** Registers a video; `ALREADY_EXISTS` when the id or the file key is taken. */
  create(input: VideoInput): Promise<Video>;
  /** The video, or null. */
  get(id: string): Promise<Video | null>;
  /** The video whose file is at `fileKey`, or null. */
  getByFileKey(fileKey: string): Promise<Video | null>;
  /** All videos, ordered by (createdAt, id). */
  list(page?: PageRequest): Promise<Page<Video>>;
  /** Replaces metadata (merged shallowly) and bumps `updatedAt`; `NOT_FOUND` when missing. */
  updateMetadata(id: string, metadata: Record<string, unknown>): Promise<Video>;
  /** Deletes the video and, by cascade, its scenes, annotations, detections, timelines and jobs. */
  delete(id: string): Promise<boolean>;
}

/** Sensitive time ranges of a video (table `scenes`). */
export interface SceneRepository {
  /** Creates a scene; `CONSTRAINT` when the video does not exist. */
  create(input: SceneInput): Promise<Scene>;
  get(id: string): Promise<Scene | null>;
  /** Scenes of a video ordered by (startTime, id). */
  listForVideo(videoId: string, page?: PageRequest): Promise<Page<Scene>>;
  /** Scenes of a video that overlap [start, end], bounds inclusive (start <= scene.end and scene.start <= end). */
  overlapping(videoId: string, start: number, end: number, page?: PageRequest): Promise<Page<Scene>>;
  /** Deletes the scene; its annotations keep existing with `sceneId` set to null. */
  delete(id: string): Promise<boolean>;
}

/** Filters for annotation lists. */
export interface AnnotationFilter {
  label?: string;
}

/** Manual bounding-box annotations (table `annotations`). */
export interface AnnotationRepository {
  /**
   * Inserts, or replaces the annotation with the same id (keeping its `createdAt`).
   * `CONSTRAINT` when the video or the scene does not exist, or the scene belongs to another video.
   */
  save(input: AnnotationInput): Promise<Annotation>;
  get(id: string): Promise<Annotation | null>;
  /** Annotations of a video, optionally with one label, ordered by (timestamp, id). */
  listForVideo(videoId: string, filter?: AnnotationFilter, page?: PageRequest): Promise<Page<Annotation>>;
  /** Annotations of a video with start <= timestamp <= end, ordered by (timestamp, id). */
  inRange(videoId: string, start: number, end: number, page?: PageRequest): Promise<Page<Annotation>>;
  delete(id: string): Promise<boolean>;
}

/** Filters for detection range queries. */
export interface DetectionFilter {
  detectorType?: string;
  minConfidence?: number;
}

/** Automated detections, by the million (table `detections`). */
export interface DetectionRepository {
  /**
   * Inserts every detection or none (one transaction, batches of `bulkInsertBatchSize`).
   * Every item is validated; the first invalid one rejects the whole call with `VALIDATION`
   * naming its index. Returns the number inserted.
   */
  insertMany(items: Iterable<DetectionInput> | AsyncIterable<DetectionInput>): Promise<number>;
  get(id: string): Promise<Detection | null>;
  /** Detections of a video with start <= timestamp <= end, ordered by (timestamp, id). */
  inRange(
    videoId: string,
    start: number,
    end: number,
    filter?: DetectionFilter,
    page?: PageRequest,
  ): Promise<Page<Detection>>;
  /** Detections flagged `needsReview`, optionally for one video, ordered by (timestamp, id). */
  reviewQueue(videoId?: string | null, page?: PageRequest): Promise<Page<Detection>>;
  /** Clears `needsReview` and records reviewer and time; returns how many existed. */
  markReviewed(ids: readonly string[], reviewedBy: string): Promise<number>;
  /** Number of detections of a video. */
  countForVideo(videoId: string): Promise<number>;
}

/** Blur timelines with their versions (table `timelines`, unique on id + version). */
export interface TimelineRepository {
  /**
   * Saves a new version: a new (or absent) id gets version 1, a known id gets latest + 1 as a draft.
   * A previous latest version still in `draft` becomes `archived`; approved and processed ones stay.
   * `CONFLICT` when a known id is saved for another video. Concurrent saves of one id all succeed,
   * each with its own version: distinct and consecutive, none lost.
   */
  save(input: TimelineInput): Promise<Timeline>;
  /** The latest version, or the given one, or null. */
  load(id: string, version?: number): Promise<Timeline | null>;
  /** Summaries of every version, newest first. */
  versions(id: string, page?: PageRequest): Promise<Page<TimelineVersionInfo>>;
  /** The latest version of every timeline of a video, ordered by (createdAt, id) of version 1. */
  listForVideo(videoId: string, page?: PageRequest): Promise<Page<Timeline>>;
  /** draft → approved (latest version unless given); `CONFLICT` from any other status. */
  approve(id: string, approvedBy: string, version?: number): Promise<Timeline>;
  /** approved → processed; `CONFLICT` from any other status. */
  markProcessed(id: string, version?: number): Promise<Timeline>;
  /** any but archived → archived; `CONFLICT` when already archived. */
  archive(id: string, version?: number): Promise<Timeline>;
  /** Deletes every version (and, by cascade, their jobs). */
  delete(id: string): Promise<boolean>;
}

/** Outcome details of finishing a job. */
export interface JobCompletion {
  outputKey?: string | null;
}

/** Processing jobs with a strict state machine (table `processing_jobs`). */
export interface JobRepository {
  /**
   * Creates a pending job for a timeline version (latest by default); `CONSTRAINT` when the video,
   * the timeline or the version is missing, or the timeline belongs to another video.
   */
  create(input: JobInput): Promise<Job>;
  get(id: string): Promise<Job | null>;
  /** Jobs in one status ordered by (createdAt, id). */
  listByStatus(status: JobStatus, page?: PageRequest): Promise<Page<Job>>;
  /** Jobs of a video ordered by (createdAt, id). */
  listForVideo(videoId: string, page?: PageRequest): Promise<Page<Job>>;
  /** Atomically moves the oldest pending job to running for `workerId`; null when none is pending. Each job is claimed once, whatever the number of workers. */
  claimNext(workerId: string): Promise<Job | null>;
  /** Sets progress 0–100 on a running job; `VALIDATION` out of range, `CONFLICT` unless running (claim it first). */
  updateProgress(id: string, progress: number): Promise<Job>;
  /** running → completed, progress 100. */
  complete(id: string, result?: JobCompletion): Promise<Job>;
  /** running → failed with a message. */
  fail(id: string, errorMessage: string): Promise<Job>;
  /** pending or running → cancelled. */
  cancel(id: string): Promise<Job>;
}

/** Filters for model lookups. */
export interface ModelFilter {
  modelType?: string;
  areaType?: string;
}

/** Trained detector models (table `models`). */
export interface ModelRepository {
  register(input: ModelInput): Promise<Model>;
  get(id: string): Promise<Model | null>;
  /** Models matching the filter ordered by (createdAt, id). */
  find(filter?: ModelFilter, page?: PageRequest): Promise<Page<Model>>;
  delete(id: string): Promise<boolean>;
}

/** Filters for audit lookups. */
export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actor?: string;
}

/** Who did what to which record (table `audit_log`). */
export interface AuditRepository {
  append(input: AuditInput): Promise<AuditEntry>;
  /** Entries ordered by (at, id). */
  list(filter?: AuditFilter, page?: PageRequest): Promise<Page<AuditEntry>>;
}

/** One repository per entity; what `transaction(fn)` hands to `fn`. */
export interface Repositories {
  readonly videos: VideoRepository;
  readonly scenes: SceneRepository;
  readonly annotations: AnnotationRepository;
  readonly detections: DetectionRepository;
  readonly timelines: TimelineRepository;
  readonly jobs: JobRepository;
  readonly models: ModelRepository;
  readonly audit: AuditRepository;
}
