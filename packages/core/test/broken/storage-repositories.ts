import type { Page, PageRequest } from '../../src/contracts/page.js';
import type { ModelFilter } from '../../src/contracts/repositories.js';
import { checkId, checkName, checkRange } from '../../src/domain/arguments.js';
import { prepareAnnotation, prepareDetection, prepareTimeline } from '../../src/domain/prepare.js';
import { nowIso } from '../../src/ids/new-id.js';
import { pageOf } from '../../src/memory/storage/paging.js';
import { MemoryAnnotationRepository } from '../../src/memory/storage/repositories/annotations.js';
import { MemoryDetectionRepository } from '../../src/memory/storage/repositories/detections.js';
import { MemoryJobRepository } from '../../src/memory/storage/repositories/jobs.js';
import { MemoryModelRepository } from '../../src/memory/storage/repositories/models.js';
import { MemorySceneRepository } from '../../src/memory/storage/repositories/scenes.js';
import { MemoryTimelineRepository } from '../../src/memory/storage/repositories/timelines.js';
import { MemoryVideoRepository } from '../../src/memory/storage/repositories/videos.js';
import { comparePositions } from '../../src/pagination/compare.js';
import { encodeCursor, typedPageWindow } from '../../src/pagination/cursor.js';
import type { Annotation, AnnotationInput } from '../../src/schemas/annotation.js';
import type { DetectionInput } from '../../src/schemas/detection.js';
import type { Job } from '../../src/schemas/job.js';
import type { Model } from '../../src/schemas/model.js';
import type { Timeline, TimelineInput } from '../../src/schemas/timeline.js';
import type { Video } from '../../src/schemas/video.js';

// Repositories with one deliberate bug each: the conformance suite must catch every one.

/** Deleting a video removes only the video row (no ON DELETE CASCADE). */
export class NoCascadeVideos extends MemoryVideoRepository {
  /** Forgets the cascade. */
  override async delete(id: string): Promise<boolean> {
    return this.db.tables.videos.delete(id);
  }
}

/** Deleting a scene deletes its annotations instead of setting their sceneId to null. */
export class SceneDeleteCascades extends MemorySceneRepository {
  /** CASCADE where the reference says SET NULL. */
  override async delete(id: string): Promise<boolean> {
    const { annotations, scenes } = this.db.tables;
    for (const [aid, a] of annotations) if (a.sceneId === id) annotations.delete(aid);
    return scenes.delete(id);
  }
}

/** Saves annotations whatever their bounding box (no CHECK valid_bbox). */
export class NoBboxCheckAnnotations extends MemoryAnnotationRepository {
  /** Validates everything but the box. */
  protected override prepare(input: AnnotationInput): Annotation {
    const record = prepareAnnotation({ ...input, bbox: { x: 0, y: 0, width: 1, height: 1 } });
    return { ...record, bbox: { ...input.bbox } };
  }
}

/** inRange excludes items exactly at the end bound. */
export class HalfOpenRangeAnnotations extends MemoryAnnotationRepository {
  /** Uses `<` where the contract says `<=`. */
  override async inRange(
    videoId: string,
    start: number,
    end: number,
    page?: PageRequest,
  ): Promise<Page<Annotation>> {
    const range = checkRange(start, end);
    const rows = [...this.db.tables.annotations.values()].filter(
      (a) => a.videoId === videoId && range.start <= a.timestamp && a.timestamp < range.end,
    );
    return pageOf(rows, page, ['number', 'string'], (a) => [a.timestamp, a.id]);
  }
}

/** claimNext hands out the oldest pending job without marking it taken. */
export class DoubleClaimJobs extends MemoryJobRepository {
  /** Reads, but never writes the claim. */
  override async claimNext(workerId: string): Promise<Job | null> {
    const pending = [...this.db.tables.processing_jobs.values()].filter((j) => j.status === 'pending');
    pending.sort((a, b) => comparePositions([a.createdAt, a.id], [b.createdAt, b.id]));
    const oldest = pending[0];
    if (!oldest) return null;
    return { ...structuredClone(oldest), status: 'running', workerId, startedAt: nowIso() };
  }
}

/** complete() is allowed from pending (the state machine is not enforced for it). */
export class LaxCompleteJobs extends MemoryJobRepository {
  /** Skips the transition check. */
  override async complete(id: string): Promise<Job> {
    const job = this.require(id);
    Object.assign(job, { status: 'completed', progress: 100, completedAt: nowIso() });
    return structuredClone(job);
  }
}

/** Saving a known timeline id replaces the previous version (the reference's INSERT OR REPLACE). */
export class OverwritingTimelines extends MemoryTimelineRepository {
  /** Keeps only the newest version. */
  override async save(input: TimelineInput): Promise<Timeline> {
    const previous = this.db.tables.timelines.get(input.id ?? '');
    const latest = previous?.[previous.length - 1];
    const timeline = prepareTimeline(input, latest ? latest.version + 1 : 1);
    this.db.tables.timelines.set(timeline.id, [structuredClone(timeline)]);
    return timeline;
  }
}

/** insertMany inserts each item as soon as it is valid: a late failure leaves the earlier ones. */
export class NonAtomicDetections extends MemoryDetectionRepository {
  /** Validates and inserts item by item. */
  override async insertMany(
    items: Iterable<DetectionInput> | AsyncIterable<DetectionInput>,
  ): Promise<number> {
    let n = 0;
    for await (const item of items) {
      const d = prepareDetection(item, nowIso(), n);
      this.db.tables.detections.set(d.id, d);
      n++;
    }
    return n;
  }
}

/** The next-page cursor points at the first item of the next page, which is then skipped. */
export class DropBoundaryVideos extends MemoryVideoRepository {
  /** Builds the cursor from the look-ahead row instead of the last returned one. */
  override async list(page?: PageRequest): Promise<Page<Video>> {
    const { limit, after } = typedPageWindow(page, ['string', 'string']);
    const rows = [...this.db.tables.videos.values()]
      .sort((a, b) => comparePositions([a.createdAt, a.id], [b.createdAt, b.id]))
      .filter((v) => !after || comparePositions([v.createdAt, v.id], after as string[]) > 0);
    const next = rows[limit];
    return {
      items: structuredClone(rows.slice(0, limit)),
      nextCursor: next ? encodeCursor([next.createdAt, next.id]) : null,
    };
  }
}

/** get() returns the stored object itself, so a caller's mutation changes the store. */
export class SharedReferenceVideos extends MemoryVideoRepository {
  /** No defensive copy. */
  override async get(id: string): Promise<Video | null> {
    return this.db.tables.videos.get(checkId(id)) ?? null;
  }
}

/** claimNext takes the pending job with the smallest id, ignoring createdAt. */
export class IdOrderJobs extends MemoryJobRepository {
  /** Orders by id alone. */
  override async claimNext(workerId: string): Promise<Job | null> {
    checkName(workerId, 'workerId');
    const pending = [...this.db.tables.processing_jobs.values()].filter((j) => j.status === 'pending');
    pending.sort((a, b) => comparePositions([a.id], [b.id]));
    const first = pending[0];
    if (!first) return null;
    Object.assign(first, { status: 'running', workerId, startedAt: nowIso() });
    return structuredClone(first);
  }
}

/** updateMetadata merges the patch but never bumps `updatedAt`. */
export class StaleUpdatedAtVideos extends MemoryVideoRepository {
  /** Puts `updatedAt` back to what it was before the update. */
  override async updateMetadata(id: string, metadata: Record<string, unknown>): Promise<Video> {
    const before = this.db.tables.videos.get(id)?.updatedAt;
    const updated = await super.updateMetadata(id, metadata);
    const stored = this.db.tables.videos.get(updated.id);
    if (stored && before) stored.updatedAt = before;
    return { ...updated, updatedAt: before ?? updated.updatedAt };
  }
}

/** Replacing an annotation stamps a new `createdAt` instead of keeping the original one. */
export class ResetCreatedAtAnnotations extends MemoryAnnotationRepository {
  /** Saves as usual, then overwrites `createdAt` with the time of the save. */
  override async save(input: AnnotationInput): Promise<Annotation> {
    const saved = await super.save(input);
    const createdAt = nowIso();
    const stored = this.db.tables.annotations.get(saved.id);
    if (stored) stored.createdAt = createdAt;
    return { ...saved, createdAt };
  }
}

/** find() orders models by id alone, ignoring createdAt. */
export class IdOrderModels extends MemoryModelRepository {
  /** Sorts by id. */
  override async find(_filter?: ModelFilter, page?: PageRequest): Promise<Page<Model>> {
    return pageOf([...this.db.tables.models.values()], page, ['string'], (m) => [m.id]);
  }
}
