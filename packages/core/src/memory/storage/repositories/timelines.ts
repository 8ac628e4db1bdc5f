import type { Page, PageRequest } from '../../../contracts/page.js';
import type { TimelineRepository } from '../../../contracts/repositories.js';
import { checkId, checkName, checkVersion, illegalTransition } from '../../../domain/arguments.js';
import { prepareTimeline } from '../../../domain/prepare.js';
import { notFound, StorageError } from '../../../errors/storage-error.js';
import { nowIso } from '../../../ids/new-id.js';
import {
  type Timeline,
  type TimelineInput,
  type TimelineTransition,
  type TimelineVersionInfo,
  timelineTransition,
} from '../../../schemas/timeline.js';
import { deleteTimelineRows } from '../cascade.js';
import { missingParent } from '../errors.js';
import { pageOf } from '../paging.js';
import { copy, type MemoryDb } from '../tables.js';

/** The summary of one version. */
function versionInfo(t: Timeline): TimelineVersionInfo {
  return {
    id: t.id,
    version: t.version,
    status: t.status,
    createdBy: t.createdBy,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}

/** Blur timelines in memory: every version kept, status rules enforced. */
export class MemoryTimelineRepository implements TimelineRepository {
  /** Works on the tables of `db`. */
  constructor(protected readonly db: MemoryDb) {}

  /** Saves version 1 of a new id, or latest + 1 of a known one (archiving a previous draft). */
  async save(input: TimelineInput): Promise<Timeline> {
    const now = nowIso();
    const timeline = prepareTimeline(input, 1, now);
    const { timelines, videos } = this.db.tables;
    if (!videos.has(timeline.videoId)) throw missingParent('timeline', 'video', timeline.videoId);
    const versions = timelines.get(timeline.id);
    const latest = versions?.[versions.length - 1];
    if (versions && latest) {
      if (latest.videoId !== timeline.videoId) {
        throw new StorageError(
          'CONFLICT',
          `timeline ${JSON.stringify(timeline.id)} belongs to video ${JSON.stringify(latest.videoId)}: save it with that videoId or use a new id`,
          { details: { entity: 'timeline', id: timeline.id, videoId: latest.videoId } },
        );
      }
      timeline.version = latest.version + 1;
      if (latest.status === 'draft') {
        latest.status = 'archived';
        latest.updatedAt = now;
      }
      versions.push(copy(timeline));
    } else {
      timelines.set(timeline.id, [copy(timeline)]);
    }
    return copy(timeline);
  }

  /** The latest version, or the given one, or null. */
  async load(id: string, version?: number): Promise<Timeline | null> {
    const found = this.find(checkId(id), checkVersion(version));
    return found ? copy(found) : null;
  }

  /** Summaries of every version, newest first. */
  async versions(id: string, page?: PageRequest): Promise<Page<TimelineVersionInfo>> {
    const rows = (this.db.tables.timelines.get(checkId(id)) ?? []).map(versionInfo);
    return pageOf(rows, page, ['number'], (v) => [-v.version]);
  }

  /** The latest version of every timeline of a video, ordered by (createdAt, id) of version 1. */
  async listForVideo(videoId: string, page?: PageRequest): Promise<Page<Timeline>> {
    const vid = checkId(videoId, 'videoId');
    const rows: { first: Timeline; latest: Timeline }[] = [];
    for (const versions of this.db.tables.timelines.values()) {
      const first = versions[0];
      const latest = versions[versions.length - 1];
      if (first && latest && latest.videoId === vid) rows.push({ first, latest });
    }
    const result = pageOf(rows, page, ['string', 'string'], (r) => [r.first.createdAt, r.first.id]);
    return { items: result.items.map((r) => r.latest), nextCursor: result.nextCursor };
  }

  /** draft → approved. */
  async approve(id: string, approvedBy: string, version?: number): Promise<Timeline> {
    const tid = checkId(id);
    const v = checkVersion(version);
    checkName(approvedBy, 'approvedBy');
    return this.transition(tid, v, timelineTransition('approve'));
  }

  /** approved → processed. */
  async markProcessed(id: string, version?: number): Promise<Timeline> {
    return this.transition(checkId(id), checkVersion(version), timelineTransition('markProcessed'));
  }

  /** draft, approved or processed → archived. */
  async archive(id: string, version?: number): Promise<Timeline> {
    return this.transition(checkId(id), checkVersion(version), timelineTransition('archive'));
  }

  /** Deletes every version and their jobs. */
  async delete(id: string): Promise<boolean> {
    return deleteTimelineRows(this.db.tables, checkId(id));
  }

  /** The stored version (latest when `version` is absent), or undefined. */
  protected find(id: string, version: number | undefined): Timeline | undefined {
    const versions = this.db.tables.timelines.get(id);
    if (!versions) return undefined;
    return version === undefined
      ? versions[versions.length - 1]
      : versions.find((t) => t.version === version);
  }

  /** Moves one version to `to` when its status is one of `from`; `NOT_FOUND`/`CONFLICT` otherwise. */
  protected transition(id: string, version: number | undefined, { from, to }: TimelineTransition): Timeline {
    const timeline = this.find(id, version);
    if (!timeline) throw notFound(version === undefined ? 'timeline' : `timeline version ${version} of`, id);
    if (!from.includes(timeline.status)) throw illegalTransition('timeline', id, timeline.status, to);
    timeline.status = to;
    timeline.updatedAt = nowIso();
    return copy(timeline);
  }
}
