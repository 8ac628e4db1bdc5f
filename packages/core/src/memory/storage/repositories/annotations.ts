import type { Page, PageRequest } from '../../../contracts/page.js';
import type { AnnotationFilter, AnnotationRepository } from '../../../contracts/repositories.js';
import { assertSameVideo, checkId, checkRange } from '../../../domain/arguments.js';
import { checkAnnotationFilter } from '../../../domain/filters.js';
import { prepareAnnotation } from '../../../domain/prepare.js';
import type { Annotation, AnnotationInput } from '../../../schemas/annotation.js';
import { missingParent } from '../errors.js';
import { pageOf } from '../paging.js';
import { copy, type MemoryDb } from '../tables.js';

/** Manual annotations in memory: insert or replace by id, parent video and (optional) scene of that video required. */
export class MemoryAnnotationRepository implements AnnotationRepository {
  /** Works on the tables of `db`. */
  constructor(protected readonly db: MemoryDb) {}

  /** Validates and completes an input into a record (the step a broken variant may weaken). */
  protected prepare(input: AnnotationInput): Annotation {
    return prepareAnnotation(input);
  }

  /** Inserts, or replaces the annotation with the same id, keeping its `createdAt`. */
  async save(input: AnnotationInput): Promise<Annotation> {
    const annotation = this.prepare(input);
    const { annotations, scenes, videos } = this.db.tables;
    if (!videos.has(annotation.videoId)) throw missingParent('annotation', 'video', annotation.videoId);
    if (annotation.sceneId !== null) {
      const scene = scenes.get(annotation.sceneId);
      if (!scene) throw missingParent('annotation', 'scene', annotation.sceneId);
      assertSameVideo('annotation', 'scene', scene.id, scene.videoId, annotation.videoId);
    }
    const existing = annotations.get(annotation.id);
    if (existing) annotation.createdAt = existing.createdAt;
    annotations.set(annotation.id, copy(annotation));
    return copy(annotation);
  }

  /** The annotation, or null. */
  async get(id: string): Promise<Annotation | null> {
    const annotation = this.db.tables.annotations.get(checkId(id));
    return annotation ? copy(annotation) : null;
  }

  /** Annotations of a video, optionally with one label, ordered by (timestamp, id). */
  async listForVideo(
    videoId: string,
    filter?: AnnotationFilter,
    page?: PageRequest,
  ): Promise<Page<Annotation>> {
    const vid = checkId(videoId, 'videoId');
    const { label } = checkAnnotationFilter(filter);
    const rows = [...this.db.tables.annotations.values()].filter(
      (a) => a.videoId === vid && (label === undefined || a.label === label),
    );
    return pageOf(rows, page, ['number', 'string'], (a) => [a.timestamp, a.id]);
  }

  /** Annotations of a video with start <= timestamp <= end, ordered by (timestamp, id). */
  async inRange(videoId: string, start: number, end: number, page?: PageRequest): Promise<Page<Annotation>> {
    const vid = checkId(videoId, 'videoId');
    const range = checkRange(start, end);
    const rows = [...this.db.tables.annotations.values()].filter(
      (a) => a.videoId === vid && range.start <= a.timestamp && a.timestamp <= range.end,
    );
    return pageOf(rows, page, ['number', 'string'], (a) => [a.timestamp, a.id]);
  }

  /** Deletes the annotation. */
  async delete(id: string): Promise<boolean> {
    return this.db.tables.annotations.delete(checkId(id));
  }
}
