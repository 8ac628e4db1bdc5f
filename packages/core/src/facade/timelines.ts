import type { Page, PageRequest } from '../contracts/page.js';
import { checkId, checkVersion } from '../domain/arguments.js';
import {
  type Timeline,
  type TimelineInput,
  TimelineSchema,
  type TimelineVersionInfo,
} from '../schemas/timeline.js';
import { TIMELINE_TTL_SECONDS, timelineCacheKey, timelineCachePatterns } from './cache-keys.js';
import type { FacadeDeps } from './facade-deps.js';
import { invalidate, readThrough } from './read-through.js';

/** Blur timelines: versioned saves, cached loads, and the status changes, each invalidating the cache. */
export class TimelineService {
  constructor(private readonly deps: FacadeDeps) {}

  /** Saves a new version (version 1 for a new id); the previous draft becomes archived. */
  async save(input: TimelineInput): Promise<Timeline> {
    const saved = await this.deps.storage.timelines.save(input);
    await this.forget(saved.id);
    return saved;
  }

  /** The latest version, or the given one, read through the cache (`timeline:<id>[:v<n>]`, 30 min). */
  load(id: string, version?: number): Promise<Timeline | null> {
    const checkedId = checkId(id, 'timeline id');
    const v = checkVersion(version);
    return readThrough(
      this.deps.cache,
      timelineCacheKey(checkedId, v),
      TimelineSchema,
      TIMELINE_TTL_SECONDS,
      () => this.deps.storage.timelines.load(checkedId, v),
    );
  }

  /** Summaries of every version, newest first. */
  versions(id: string, page?: PageRequest): Promise<Page<TimelineVersionInfo>> {
    return this.deps.storage.timelines.versions(id, page);
  }

  /** The latest version of every timeline of a video. */
  listForVideo(videoId: string, page?: PageRequest): Promise<Page<Timeline>> {
    return this.deps.storage.timelines.listForVideo(videoId, page);
  }

  /** draft → approved. */
  async approve(id: string, approvedBy: string, version?: number): Promise<Timeline> {
    const t = await this.deps.storage.timelines.approve(id, approvedBy, version);
    await this.forget(id);
    return t;
  }

  /** approved → processed. */
  async markProcessed(id: string, version?: number): Promise<Timeline> {
    const t = await this.deps.storage.timelines.markProcessed(id, version);
    await this.forget(id);
    return t;
  }

  /** any but archived → archived. */
  async archive(id: string, version?: number): Promise<Timeline> {
    const t = await this.deps.storage.timelines.archive(id, version);
    await this.forget(id);
    return t;
  }

  /** Deletes every version (and their jobs). */
  async delete(id: string): Promise<boolean> {
    const deleted = await this.deps.storage.timelines.delete(id);
    await this.forget(id);
    return deleted;
  }

  /** Drops every cached version of the timeline (a status change alters `timeline:<id>` and `:v<n>`). */
  private forget(id: string): Promise<void> {
    return invalidate(this.deps.cache, timelineCachePatterns(id), this.deps.onCacheError);
  }
}
