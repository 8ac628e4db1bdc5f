import {
  checkFileKey,
  checkId,
  checkMetadata,
  notFound,
  type Page,
  type PageRequest,
  prepareVideo,
  type Video,
  type VideoInput,
  type VideoRepository,
} from '@vpe-storage/core';
import { insertSql } from '../mapping/table-mapper.js';
import { videoMapper } from '../mapping/video-row.js';
import { fetchPage } from '../query/keyset.js';
import { getOne, laterThan, type RepoContext, withEntity } from './context.js';

const INSERT = insertSql(videoMapper);

/** VideoRepository over SQL. */
export class SqlVideoRepository implements VideoRepository {
  /** Runs on the executor of `ctx` (the root one, or a transaction's). */
  constructor(private readonly ctx: RepoContext) {}

  /** Registers a video; `ALREADY_EXISTS` when the id or file key is taken. */
  async create(input: VideoInput): Promise<Video> {
    const video = prepareVideo(input);
    await withEntity(
      'video',
      video.id,
      this.ctx.exec.run(this.ctx.d.sql(INSERT), videoMapper.toRow(video, this.ctx.d)),
    );
    return video;
  }

  /** The video, or null. */
  async get(id: string): Promise<Video | null> {
    checkId(id);
    return getOne(this.ctx, 'SELECT * FROM videos WHERE id = ?', [id], (r) =>
      videoMapper.fromRow(r, this.ctx.d),
    );
  }

  /** The video whose file is at `fileKey`, or null. */
  async getByFileKey(fileKey: string): Promise<Video | null> {
    const key = checkFileKey(fileKey);
    return getOne(this.ctx, 'SELECT * FROM videos WHERE file_key = ?', [key], (r) =>
      videoMapper.fromRow(r, this.ctx.d),
    );
  }

  /** All videos by (createdAt, id). */
  async list(page?: PageRequest): Promise<Page<Video>> {
    return fetchPage(
      this.ctx.exec,
      this.ctx.d,
      {
        select: 'SELECT * FROM videos',
        where: [],
        params: [],
        order: ['created_at', 'id'],
        types: ['timestamp', 'text'],
        map: (r) => videoMapper.fromRow(r, this.ctx.d),
        position: (v) => [v.createdAt, v.id],
      },
      page,
    );
  }

  /** Merges metadata shallowly and bumps `updatedAt`, atomically. */
  async updateMetadata(id: string, metadata: Record<string, unknown>): Promise<Video> {
    checkId(id);
    const patch = checkMetadata(metadata);
    const { d } = this.ctx;
    return this.ctx.exec.transaction(async (tx) => {
      const row = await tx.get(d.sql('SELECT * FROM videos WHERE id = ?'), [id]);
      if (!row) throw notFound('video', id);
      const video = videoMapper.fromRow(row, d);
      const updated: Video = {
        ...video,
        metadata: { ...video.metadata, ...patch },
        updatedAt: laterThan(video.updatedAt),
      };
      await tx.run(d.sql('UPDATE videos SET metadata = ?, updated_at = ? WHERE id = ?'), [
        d.json(updated.metadata),
        d.timestamp(updated.updatedAt),
        id,
      ]);
      return updated;
    });
  }

  /** Deletes the video; the schema cascades to its scenes, annotations, detections, timelines and jobs. */
  async delete(id: string): Promise<boolean> {
    checkId(id);
    const { changes } = await this.ctx.exec.run(this.ctx.d.sql('DELETE FROM videos WHERE id = ?'), [id]);
    return changes > 0;
  }
}
