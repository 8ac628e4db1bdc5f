import {
  type Annotation,
  type AnnotationFilter,
  type AnnotationInput,
  type AnnotationRepository,
  assertSameVideo,
  checkAnnotationFilter,
  checkId,
  checkRange,
  type Page,
  type PageRequest,
  prepareAnnotation,
} from '@vpe-storage/core';
import { annotationMapper } from '../mapping/annotation-row.js';
import { insertSql } from '../mapping/table-mapper.js';
import { fetchPage } from '../query/keyset.js';
import { getOne, type RepoContext, withEntity } from './context.js';

// Replacing keeps the original created_at: every other column comes from the new input.
const UPSERT =
  `${insertSql(annotationMapper)} ON CONFLICT (id) DO UPDATE SET ` +
  annotationMapper.columns
    .filter((c) => c !== 'id' && c !== 'created_at')
    .map((c) => `${c} = excluded.${c}`)
    .join(', ') +
  ' RETURNING created_at';

/** AnnotationRepository over SQL. */
export class SqlAnnotationRepository implements AnnotationRepository {
  /** Runs on the executor of `ctx` (the root one, or a transaction's). */
  constructor(private readonly ctx: RepoContext) {}

  /**
   * Inserts, or replaces by id keeping `createdAt`. The foreign keys turn a missing video or scene into
   * `CONSTRAINT`; a scene of another video is `CONSTRAINT` too (checked in the same transaction).
   */
  async save(input: AnnotationInput): Promise<Annotation> {
    const annotation = prepareAnnotation(input);
    const { d } = this.ctx;
    const work = this.ctx.exec.transaction(async (tx) => {
      if (annotation.sceneId !== null) {
        const scene = await tx.get(d.sql('SELECT video_id FROM scenes WHERE id = ?'), [annotation.sceneId]);
        if (scene)
          assertSameVideo(
            'annotation',
            'scene',
            annotation.sceneId,
            String(scene.video_id),
            annotation.videoId,
          );
      }
      return tx.get(d.sql(UPSERT), annotationMapper.toRow(annotation, d));
    }, 'write');
    const row = await withEntity('annotation', annotation.id, work);
    return row ? { ...annotation, createdAt: d.readTimestamp(row.created_at) } : annotation;
  }

  /** The annotation, or null. */
  async get(id: string): Promise<Annotation | null> {
    checkId(id);
    return getOne(this.ctx, 'SELECT * FROM annotations WHERE id = ?', [id], (r) =>
      annotationMapper.fromRow(r, this.ctx.d),
    );
  }

  /** Annotations of a video, optionally with one label, by (timestamp, id). */
  async listForVideo(
    videoId: string,
    filter?: AnnotationFilter,
    page?: PageRequest,
  ): Promise<Page<Annotation>> {
    checkId(videoId, 'video id');
    const where = ['video_id = ?'];
    const params: (string | number)[] = [videoId];
    const { label } = checkAnnotationFilter(filter);
    if (label !== undefined) {
      where.push('label = ?');
      params.push(label);
    }
    return this.page(where, params, page);
  }

  /** Annotations of a video with start <= timestamp <= end, by (timestamp, id). */
  async inRange(videoId: string, start: number, end: number, page?: PageRequest): Promise<Page<Annotation>> {
    checkId(videoId, 'video id');
    const r = checkRange(start, end);
    return this.page(['video_id = ?', 'timestamp >= ?', 'timestamp <= ?'], [videoId, r.start, r.end], page);
  }

  /** Deletes the annotation. */
  async delete(id: string): Promise<boolean> {
    checkId(id);
    const { changes } = await this.ctx.exec.run(this.ctx.d.sql('DELETE FROM annotations WHERE id = ?'), [id]);
    return changes > 0;
  }

  private async page(
    where: string[],
    params: (string | number)[],
    page?: PageRequest,
  ): Promise<Page<Annotation>> {
    return fetchPage(
      this.ctx.exec,
      this.ctx.d,
      {
        select: 'SELECT * FROM annotations',
        where,
        params,
        order: ['timestamp', 'id'],
        types: ['number', 'text'],
        map: (r) => annotationMapper.fromRow(r, this.ctx.d),
        position: (a) => [a.timestamp, a.id],
      },
      page,
    );
  }
}
