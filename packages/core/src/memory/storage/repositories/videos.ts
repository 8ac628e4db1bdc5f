import type { Page, PageRequest } from '../../../contracts/page.js';
import type { VideoRepository } from '../../../contracts/repositories.js';
import { checkId } from '../../../domain/arguments.js';
import { checkFileKey, checkMetadata } from '../../../domain/filters.js';
import { prepareVideo } from '../../../domain/prepare.js';
import { notFound } from '../../../errors/storage-error.js';
import { nowIso } from '../../../ids/new-id.js';
import type { Video, VideoInput } from '../../../schemas/video.js';
import { deleteVideoRows } from '../cascade.js';
import { pageOf } from '../paging.js';
import { copy, type MemoryDb } from '../tables.js';

/** Videos in memory: unique id and file key, cascading delete. */
export class MemoryVideoRepository implements VideoRepository {
  /** Works on the tables of `db`. */
  constructor(protected readonly db: MemoryDb) {}

  /** Registers a video; `ALREADY_EXISTS` when the id or the file key is taken. */
  async create(input: VideoInput): Promise<Video> {
    const video = prepareVideo(input);
    this.db.tables.videos.insertUnique(copy(video));
    return copy(video);
  }

  /** The video, or null. */
  async get(id: string): Promise<Video | null> {
    const video = this.db.tables.videos.get(checkId(id));
    return video ? copy(video) : null;
  }

  /** The video whose file is at `fileKey`, or null. */
  async getByFileKey(fileKey: string): Promise<Video | null> {
    const key = checkFileKey(fileKey);
    const video = this.db.tables.videos.byFileKey(key);
    return video ? copy(video) : null;
  }

  /** All videos, ordered by (createdAt, id). */
  async list(page?: PageRequest): Promise<Page<Video>> {
    return pageOf(this.db.tables.videos.values(), page, ['string', 'string'], (v) => [v.createdAt, v.id]);
  }

  /** Merges `metadata` shallowly into the video's and bumps `updatedAt`. */
  async updateMetadata(id: string, metadata: Record<string, unknown>): Promise<Video> {
    const videoId = checkId(id);
    const patch = checkMetadata(metadata);
    const video = this.db.tables.videos.get(videoId);
    if (!video) throw notFound('video', videoId);
    video.metadata = { ...video.metadata, ...copy(patch) };
    video.updatedAt = nowIso();
    return copy(video);
  }

  /** Deletes the video and everything that belongs to it. */
  async delete(id: string): Promise<boolean> {
    return deleteVideoRows(this.db.tables, checkId(id));
  }
}
