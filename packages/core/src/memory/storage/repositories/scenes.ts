import type { Page, PageRequest } from '../../../contracts/page.js';
import type { SceneRepository } from '../../../contracts/repositories.js';
import { checkId, checkRange } from '../../../domain/arguments.js';
import { prepareScene } from '../../../domain/prepare.js';
import type { Scene, SceneInput } from '../../../schemas/scene.js';
import { deleteSceneRow } from '../cascade.js';
import { alreadyExists, missingParent } from '../errors.js';
import { pageOf } from '../paging.js';
import { copy, type MemoryDb } from '../tables.js';

/** Scenes in memory: a parent video is required; deleting one sets its annotations' `sceneId` to null. */
export class MemorySceneRepository implements SceneRepository {
  /** Works on the tables of `db`. */
  constructor(protected readonly db: MemoryDb) {}

  /** Creates a scene; `CONSTRAINT` when the video does not exist. */
  async create(input: SceneInput): Promise<Scene> {
    const scene = prepareScene(input);
    const { scenes, videos } = this.db.tables;
    if (!videos.has(scene.videoId)) throw missingParent('scene', 'video', scene.videoId);
    if (scenes.has(scene.id)) throw alreadyExists('scene', 'id', scene.id);
    scenes.set(scene.id, copy(scene));
    return copy(scene);
  }

  /** The scene, or null. */
  async get(id: string): Promise<Scene | null> {
    const scene = this.db.tables.scenes.get(checkId(id));
    return scene ? copy(scene) : null;
  }

  /** Scenes of a video ordered by (startTime, id). */
  async listForVideo(videoId: string, page?: PageRequest): Promise<Page<Scene>> {
    const vid = checkId(videoId, 'videoId');
    const rows = [...this.db.tables.scenes.values()].filter((s) => s.videoId === vid);
    return pageOf(rows, page, ['number', 'string'], (s) => [s.startTime, s.id]);
  }

  /** Scenes of a video overlapping [start, end], bounds inclusive. */
  async overlapping(videoId: string, start: number, end: number, page?: PageRequest): Promise<Page<Scene>> {
    const vid = checkId(videoId, 'videoId');
    const range = checkRange(start, end);
    const rows = [...this.db.tables.scenes.values()].filter(
      (s) => s.videoId === vid && range.start <= s.endTime && s.startTime <= range.end,
    );
    return pageOf(rows, page, ['number', 'string'], (s) => [s.startTime, s.id]);
  }

  /** Deletes the scene; its annotations stay with `sceneId` null. */
  async delete(id: string): Promise<boolean> {
    return deleteSceneRow(this.db.tables, checkId(id));
  }
}
