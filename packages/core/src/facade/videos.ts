import { basename } from 'node:path';
import type { Page, PageRequest } from '../contracts/page.js';
import { checkId } from '../domain/arguments.js';
import { parseOrThrow } from '../errors/from-zod.js';
import { StorageError } from '../errors/storage-error.js';
import type { FileSource } from '../files/types.js';
import { newId } from '../ids/new-id.js';
import { collectAll } from '../pagination/iterate.js';
import type { Video } from '../schemas/video.js';
import { annotationCacheKey, annotationsForVideoCachePatterns, timelineCachePatterns } from './cache-keys.js';
import { withProgress } from './count-progress.js';
import { discardUnlessRecorded } from './discard-unless-recorded.js';
import type { FacadeDeps } from './facade-deps.js';
import { invalidate } from './read-through.js';
import { removeQuietly } from './remove-quietly.js';
import { type VideoMetadata, VideoMetadataSchema } from './video-metadata.js';

/** Options of {@link VideoService.ingest}. */
export interface IngestOptions {
  /** Called with the running number of bytes stored. */
  onProgress?: (bytes: number) => void;
}

/** Videos: ingest (file first, record second), reads, and delete with the files its records named. */
export class VideoService {
  constructor(private readonly deps: FacadeDeps) {}

  /**
   * Stores the video file (magic bytes and size limit checked by the file manager), then its record.
   * When the record write fails the stored file is removed once a re-read shows no record names it (a
   * failure after COMMIT keeps it); the error is thrown either way.
   */
  async ingest(source: FileSource, metadata: VideoMetadata, options: IngestOptions = {}): Promise<Video> {
    const meta = parseOrThrow(VideoMetadataSchema, metadata, 'video metadata');
    const filename = meta.filename ?? (typeof source === 'string' ? basename(source) : undefined);
    if (!filename) {
      throw new StorageError(
        'VALIDATION',
        'invalid video metadata: filename: required when the video is a stream',
      );
    }
    const id = meta.id ?? newId();
    // Checked before storing: the same id would map to the same key and replace the existing video's bytes.
    if (await this.deps.storage.videos.get(id)) {
      throw new StorageError(
        'ALREADY_EXISTS',
        `video ${JSON.stringify(id)} already exists: ingest under a new id`,
        {
          details: { entity: 'video', id },
        },
      );
    }
    const body = options.onProgress ? withProgress(source, options.onProgress) : source;
    const stored = await this.deps.fileManager.storeVideo(body, { id, filename });
    try {
      return await this.deps.storage.videos.create({
        ...meta,
        id,
        filename,
        fileKey: stored.key,
        fileSize: stored.size,
        checksum: stored.sha256,
      });
    } catch (err) {
      await discardUnlessRecorded(
        this.deps.fileManager,
        [stored.key],
        async () => (await this.deps.storage.videos.getByFileKey(stored.key)) !== null,
      );
      throw err;
    }
  }

  /** The video, or null. */
  get(id: string): Promise<Video | null> {
    return this.deps.storage.videos.get(id);
  }

  /** All videos, oldest first. */
  list(page?: PageRequest): Promise<Page<Video>> {
    return this.deps.storage.videos.list(page);
  }

  /**
   * Deletes the video record (cascading to its scenes, annotations, detections, timelines and jobs), then
   * the files those records named, and every cache entry derived from them.
   */
  async delete(id: string): Promise<boolean> {
    const videoId = checkId(id, 'video id');
    const { storage, cache, fileManager } = this.deps;
    const video = await storage.videos.get(videoId);
    if (!video) return false;
    const annotations = await collectAll((p) => storage.annotations.listForVideo(videoId, {}, p));
    const jobs = await collectAll((p) => storage.jobs.listForVideo(videoId, p));
    const timelines = await collectAll((p) => storage.timelines.listForVideo(videoId, p));
    const deleted = await storage.videos.delete(videoId);
    await invalidate(
      cache,
      [
        ...annotationsForVideoCachePatterns(videoId),
        ...annotations.map((a) => annotationCacheKey(a.id)),
        ...timelines.flatMap((t) => timelineCachePatterns(t.id)),
      ],
      this.deps.onCacheError,
    );
    await removeQuietly(fileManager, [
      video.fileKey,
      ...annotations.map((a) => a.imageKey),
      ...jobs.map((j) => j.outputKey),
    ]);
    return deleted;
  }
}
