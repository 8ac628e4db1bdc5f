import type { Video } from '../../schemas/video.js';
import { alreadyExists } from './errors.js';

/** The `videos` table: a Map by id that also keeps the unique index on `fileKey` (a video's key never changes). */
export class VideoTable extends Map<string, Video> {
  private readonly idByFileKey = new Map<string, string>();

  /** A table holding `videos` (the records themselves, not copies). */
  static of(videos: Iterable<Video>): VideoTable {
    const table = new VideoTable();
    for (const video of videos) table.set(video.id, video);
    return table;
  }

  /** Stores `video` under `id` and indexes its file key. */
  override set(id: string, video: Video): this {
    const previous = this.get(id);
    if (previous) this.idByFileKey.delete(previous.fileKey);
    this.idByFileKey.set(video.fileKey, id);
    return super.set(id, video);
  }

  /** Removes the video and its file key from the index. */
  override delete(id: string): boolean {
    const previous = this.get(id);
    if (previous) this.idByFileKey.delete(previous.fileKey);
    return super.delete(id);
  }

  /** Removes every video. */
  override clear(): void {
    this.idByFileKey.clear();
    super.clear();
  }

  /** The video whose file is at `fileKey`, or undefined. */
  byFileKey(fileKey: string): Video | undefined {
    const id = this.idByFileKey.get(fileKey);
    return id === undefined ? undefined : this.get(id);
  }

  /** Adds a new video; `ALREADY_EXISTS` when its id or its file key is taken. */
  insertUnique(video: Video): void {
    if (this.has(video.id)) throw alreadyExists('video', 'id', video.id);
    if (this.idByFileKey.has(video.fileKey)) throw alreadyExists('video', 'fileKey', video.fileKey);
    this.set(video.id, video);
  }
}
