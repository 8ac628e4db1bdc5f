import type { Page, PageRequest } from '../contracts/page.js';
import type { Scene, SceneInput } from '../schemas/scene.js';
import { annotationsForVideoCachePatterns } from './cache-keys.js';
import type { FacadeDeps } from './facade-deps.js';
import { invalidate } from './read-through.js';

/** Sensitive time ranges of a video. */
export class SceneService {
  constructor(private readonly deps: FacadeDeps) {}

  /** Creates a scene; `CONSTRAINT` when the video does not exist. */
  create(input: SceneInput): Promise<Scene> {
    return this.deps.storage.scenes.create(input);
  }

  /** The scene, or null. */
  get(id: string): Promise<Scene | null> {
    return this.deps.storage.scenes.get(id);
  }

  /** Scenes of a video by start time. */
  listForVideo(videoId: string, page?: PageRequest): Promise<Page<Scene>> {
    return this.deps.storage.scenes.listForVideo(videoId, page);
  }

  /** Scenes of a video overlapping [start, end]. */
  overlapping(videoId: string, start: number, end: number, page?: PageRequest): Promise<Page<Scene>> {
    return this.deps.storage.scenes.overlapping(videoId, start, end, page);
  }

  /** Deletes the scene; its annotations lose their `sceneId`, so their cached lists are dropped too. */
  async delete(id: string): Promise<boolean> {
    const scene = await this.deps.storage.scenes.get(id);
    if (!scene) return false;
    const deleted = await this.deps.storage.scenes.delete(id);
    // Annotations cached one by one may name the scene as well: drop them all (scene deletes are rare).
    await invalidate(
      this.deps.cache,
      [...annotationsForVideoCachePatterns(scene.videoId), 'annotation:*'],
      this.deps.onCacheError,
    );
    return deleted;
  }
}
