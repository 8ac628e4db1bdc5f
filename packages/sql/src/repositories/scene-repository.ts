import {
  checkId,
  checkRange,
  type Page,
  type PageRequest,
  prepareScene,
  type Scene,
  type SceneInput,
  type SceneRepository,
} from '@vpe-storage/core';
import { sceneMapper } from '../mapping/scene-row.js';
import { insertSql } from '../mapping/table-mapper.js';
import { fetchPage } from '../query/keyset.js';
import { getOne, type RepoContext, withEntity } from './context.js';

const INSERT = insertSql(sceneMapper);

/** SceneRepository over SQL. */
export class SqlSceneRepository implements SceneRepository {
  /** Runs on the executor of `ctx` (the root one, or a transaction's). */
  constructor(private readonly ctx: RepoContext) {}

  /** Creates a scene; the foreign key turns a missing video into `CONSTRAINT`. */
  async create(input: SceneInput): Promise<Scene> {
    const scene = prepareScene(input);
    await withEntity(
      'scene',
      scene.id,
      this.ctx.exec.run(this.ctx.d.sql(INSERT), sceneMapper.toRow(scene, this.ctx.d)),
    );
    return scene;
  }

  /** The scene, or null. */
  async get(id: string): Promise<Scene | null> {
    checkId(id);
    return getOne(this.ctx, 'SELECT * FROM scenes WHERE id = ?', [id], (r) =>
      sceneMapper.fromRow(r, this.ctx.d),
    );
  }

  /** Scenes of a video by (startTime, id). */
  async listForVideo(videoId: string, page?: PageRequest): Promise<Page<Scene>> {
    checkId(videoId, 'video id');
    return this.page(['video_id = ?'], [videoId], page);
  }

  /** Scenes of a video overlapping [start, end], bounds inclusive. */
  async overlapping(videoId: string, start: number, end: number, page?: PageRequest): Promise<Page<Scene>> {
    checkId(videoId, 'video id');
    const r = checkRange(start, end);
    return this.page(['video_id = ?', 'start_time <= ?', 'end_time >= ?'], [videoId, r.end, r.start], page);
  }

  /** Deletes the scene; its annotations keep existing with a null scene (ON DELETE SET NULL). */
  async delete(id: string): Promise<boolean> {
    checkId(id);
    const { changes } = await this.ctx.exec.run(this.ctx.d.sql('DELETE FROM scenes WHERE id = ?'), [id]);
    return changes > 0;
  }

  private async page(where: string[], params: (string | number)[], page?: PageRequest): Promise<Page<Scene>> {
    return fetchPage(
      this.ctx.exec,
      this.ctx.d,
      {
        select: 'SELECT * FROM scenes',
        where,
        params,
        order: ['start_time', 'id'],
        types: ['number', 'text'],
        map: (r) => sceneMapper.fromRow(r, this.ctx.d),
        position: (s) => [s.startTime, s.id],
      },
      page,
    );
  }
}
