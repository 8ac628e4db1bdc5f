import { z } from 'zod';
import { checkId, checkRange } from '../domain/arguments.js';
import { checkAnnotationFilter } from '../domain/filters.js';
import { parseOrThrow } from '../errors/from-zod.js';
import type { FrameImageInput } from '../files/encode-frame.js';
import { newId } from '../ids/new-id.js';
import { collectAll } from '../pagination/iterate.js';
import {
  type Annotation,
  type AnnotationInput,
  AnnotationInputSchema,
  AnnotationSchema,
} from '../schemas/annotation.js';
import {
  ANNOTATION_TTL_SECONDS,
  ANNOTATIONS_FOR_VIDEO_TTL_SECONDS,
  annotationCacheKey,
  annotationsForVideoCacheKey,
  annotationsForVideoCachePatterns,
} from './cache-keys.js';
import { discardUnlessRecorded } from './discard-unless-recorded.js';
import type { FacadeDeps } from './facade-deps.js';
import { frameImageId } from './frame-image-id.js';
import { invalidate, readThrough } from './read-through.js';
import { removeQuietly } from './remove-quietly.js';

const AnnotationListSchema = z.array(AnnotationSchema);

/** Manual annotations with their optional frame image, read through the cache with the reference's keys. */
export class AnnotationService {
  constructor(private readonly deps: FacadeDeps) {}

  /**
   * Saves (inserts, or replaces by id) an annotation. A frame image is stored first, under a key unique to this
   * write (so it never replaces the image the current record names), and the record names it; if the record
   * write fails the new image is removed once a re-read shows no record names it. A replaced record's previous
   * image is removed only after the write succeeded.
   */
  async save(input: AnnotationInput, frameImage?: FrameImageInput): Promise<Annotation> {
    const { storage, fileManager, cache } = this.deps;
    const parsed = parseOrThrow(AnnotationInputSchema, input, 'annotation');
    const id = parsed.id ?? newId();
    const previous = await storage.annotations.get(id);
    const frame = frameImage
      ? await fileManager.storeFrameImage(frameImage, {
          annotationId: frameImageId(id),
          timestampMs: parsed.timestamp * 1000,
        })
      : null;
    let saved: Annotation;
    try {
      saved = await storage.annotations.save({
        ...parsed,
        id,
        imageKey: frame ? frame.key : parsed.imageKey,
      });
    } catch (err) {
      if (frame) {
        await discardUnlessRecorded(
          fileManager,
          [frame.key],
          async () => (await storage.annotations.get(id))?.imageKey === frame.key,
        );
      }
      throw err;
    }
    await invalidate(
      cache,
      [
        annotationCacheKey(id),
        ...annotationsForVideoCachePatterns(saved.videoId),
        ...(previous && previous.videoId !== saved.videoId
          ? annotationsForVideoCachePatterns(previous.videoId)
          : []),
      ],
      this.deps.onCacheError,
    );
    if (previous?.imageKey && previous.imageKey !== saved.imageKey)
      await removeQuietly(fileManager, [previous.imageKey]);
    return saved;
  }

  /** The annotation, or null (`annotation:<id>`, 1 h). */
  get(id: string): Promise<Annotation | null> {
    const checked = checkId(id, 'annotation id');
    return readThrough(
      this.deps.cache,
      annotationCacheKey(checked),
      AnnotationSchema,
      ANNOTATION_TTL_SECONDS,
      () => this.deps.storage.annotations.get(checked),
    );
  }

  /** Every annotation of a video, optionally with one label, by timestamp (`annotations:video:<id>[:type:<label>]`, 30 min). */
  async forVideo(videoId: string, filter: { label?: string } = {}): Promise<Annotation[]> {
    const vid = checkId(videoId, 'video id');
    const { label } = checkAnnotationFilter(filter);
    const list = await readThrough(
      this.deps.cache,
      annotationsForVideoCacheKey(vid, label),
      AnnotationListSchema,
      ANNOTATIONS_FOR_VIDEO_TTL_SECONDS,
      () =>
        collectAll((page) => this.deps.storage.annotations.listForVideo(vid, label ? { label } : {}, page)),
    );
    return list ?? [];
  }

  /** Annotations of a video with start <= timestamp <= end, by timestamp (not cached, as in the reference). */
  inRange(videoId: string, start: number, end: number): Promise<Annotation[]> {
    const vid = checkId(videoId, 'video id');
    const range = checkRange(start, end);
    return collectAll((page) => this.deps.storage.annotations.inRange(vid, range.start, range.end, page));
  }

  /** Deletes the record, then its frame image; false when there was no such annotation. */
  async delete(id: string): Promise<boolean> {
    const checked = checkId(id, 'annotation id');
    const { storage, fileManager, cache } = this.deps;
    const existing = await storage.annotations.get(checked);
    if (!existing) return false;
    const deleted = await storage.annotations.delete(checked);
    await invalidate(
      cache,
      [annotationCacheKey(checked), ...annotationsForVideoCachePatterns(existing.videoId)],
      this.deps.onCacheError,
    );
    await removeQuietly(fileManager, [existing.imageKey]);
    return deleted;
  }
}
