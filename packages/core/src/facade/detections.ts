import type { Page, PageRequest } from '../contracts/page.js';
import type { DetectionFilter } from '../contracts/repositories.js';
import type { Detection, DetectionInput } from '../schemas/detection.js';
import type { FacadeDeps } from './facade-deps.js';

/** Automated detections: bulk ingest, range reads and the review queue (not cached: too many, read once). */
export class DetectionService {
  constructor(private readonly deps: Pick<FacadeDeps, 'storage'>) {}

  /** Inserts every detection or none (streams stay streams: pass an async generator for millions). */
  ingest(items: Iterable<DetectionInput> | AsyncIterable<DetectionInput>): Promise<number> {
    return this.deps.storage.detections.insertMany(items);
  }

  /** The detection, or null. */
  get(id: string): Promise<Detection | null> {
    return this.deps.storage.detections.get(id);
  }

  /** Detections of a video with start <= timestamp <= end. */
  inRange(
    videoId: string,
    start: number,
    end: number,
    filter?: DetectionFilter,
    page?: PageRequest,
  ): Promise<Page<Detection>> {
    return this.deps.storage.detections.inRange(videoId, start, end, filter, page);
  }

  /** Detections waiting for a human, optionally for one video. */
  reviewQueue(videoId?: string | null, page?: PageRequest): Promise<Page<Detection>> {
    return this.deps.storage.detections.reviewQueue(videoId, page);
  }

  /** Marks detections reviewed; returns how many existed. */
  markReviewed(ids: readonly string[], reviewedBy: string): Promise<number> {
    return this.deps.storage.detections.markReviewed(ids, reviewedBy);
  }

  /** Number of detections of a video. */
  countForVideo(videoId: string): Promise<number> {
    return this.deps.storage.detections.countForVideo(videoId);
  }
}
