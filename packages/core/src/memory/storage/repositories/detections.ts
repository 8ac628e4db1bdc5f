import type { Page, PageRequest } from '../../../contracts/page.js';
import type { DetectionFilter, DetectionRepository } from '../../../contracts/repositories.js';
import { checkId, checkName, checkRange } from '../../../domain/arguments.js';
import { checkDetectionItems } from '../../../domain/detection-items.js';
import { checkDetectionFilter, checkIds, checkOptionalId } from '../../../domain/filters.js';
import { prepareDetection } from '../../../domain/prepare.js';
import { nowIso } from '../../../ids/new-id.js';
import type { Detection, DetectionInput } from '../../../schemas/detection.js';
import { alreadyExists, missingParent } from '../errors.js';
import { pageOf } from '../paging.js';
import { copy, type MemoryDb } from '../tables.js';

/** Automated detections in memory: atomic bulk insert, range and review queries. */
export class MemoryDetectionRepository implements DetectionRepository {
  /** Works on the tables of `db`. */
  constructor(protected readonly db: MemoryDb) {}

  /** Validates every item, then checks every constraint, then inserts all: all or none. */
  async insertMany(items: Iterable<DetectionInput> | AsyncIterable<DetectionInput>): Promise<number> {
    checkDetectionItems(items);
    const now = nowIso();
    const records: Detection[] = [];
    for await (const item of items) records.push(prepareDetection(item, now, records.length));
    const { detections, videos } = this.db.tables;
    const seen = new Set<string>();
    for (const d of records) {
      if (!videos.has(d.videoId)) throw missingParent('detection', 'video', d.videoId);
      if (detections.has(d.id) || seen.has(d.id)) throw alreadyExists('detection', 'id', d.id);
      seen.add(d.id);
    }
    // Batching matters to SQL round trips only; in memory every record lands in one synchronous step.
    for (const d of records) detections.set(d.id, copy(d));
    return records.length;
  }

  /** The detection, or null. */
  async get(id: string): Promise<Detection | null> {
    const detection = this.db.tables.detections.get(checkId(id));
    return detection ? copy(detection) : null;
  }

  /** Detections of a video with start <= timestamp <= end (and the filter), ordered by (timestamp, id). */
  async inRange(
    videoId: string,
    start: number,
    end: number,
    filter?: DetectionFilter,
    page?: PageRequest,
  ): Promise<Page<Detection>> {
    const vid = checkId(videoId, 'videoId');
    const range = checkRange(start, end);
    const { detectorType, minConfidence } = checkDetectionFilter(filter);
    const rows = [...this.db.tables.detections.values()].filter(
      (d) =>
        d.videoId === vid &&
        range.start <= d.timestamp &&
        d.timestamp <= range.end &&
        (detectorType === undefined || d.detectorType === detectorType) &&
        (minConfidence === undefined || d.confidence >= minConfidence),
    );
    return pageOf(rows, page, ['number', 'string'], (d) => [d.timestamp, d.id]);
  }

  /** Detections flagged `needsReview`, optionally of one video, ordered by (timestamp, id). */
  async reviewQueue(videoId?: string | null, page?: PageRequest): Promise<Page<Detection>> {
    const vid = checkOptionalId(videoId, 'videoId');
    const rows = [...this.db.tables.detections.values()].filter(
      (d) => d.needsReview && (vid === null || d.videoId === vid),
    );
    return pageOf(rows, page, ['number', 'string'], (d) => [d.timestamp, d.id]);
  }

  /** Clears `needsReview`, records reviewer and time; returns how many of the ids existed. */
  async markReviewed(ids: readonly string[], reviewedBy: string): Promise<number> {
    const wanted = new Set(checkIds(ids));
    const reviewer = checkName(reviewedBy, 'reviewedBy');
    const now = nowIso();
    let n = 0;
    for (const id of wanted) {
      const d = this.db.tables.detections.get(id);
      if (!d) continue;
      d.needsReview = false;
      d.reviewedBy = reviewer;
      d.reviewedAt = now;
      n++;
    }
    return n;
  }

  /** Number of detections of a video. */
  async countForVideo(videoId: string): Promise<number> {
    const vid = checkId(videoId, 'videoId');
    let n = 0;
    for (const d of this.db.tables.detections.values()) if (d.videoId === vid) n++;
    return n;
  }
}
