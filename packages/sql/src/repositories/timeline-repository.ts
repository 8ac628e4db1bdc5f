import {
  checkId,
  checkName,
  checkVersion,
  illegalTransition,
  notFound,
  nowIso,
  type Page,
  type PageRequest,
  prepareTimeline,
  StorageError,
  type Timeline,
  type TimelineInput,
  type TimelineRepository,
  type TimelineTransition,
  type TimelineVersionInfo,
  timelineTransition,
} from '@vpe-storage/core';
import type { SqlExecutor } from '../executor/sql-executor.js';
import { insertSql } from '../mapping/table-mapper.js';
import { timelineMapper, versionInfoFromRow } from '../mapping/timeline-row.js';
import { fetchPage } from '../query/keyset.js';
import { laterThan, type RepoContext, withEntity } from './context.js';
import { lostUpdate } from './lost-update.js';

const INSERT = insertSql(timelineMapper);
const LATEST = 'SELECT * FROM timelines WHERE id = ? ORDER BY version DESC LIMIT 1';
const ONE = 'SELECT * FROM timelines WHERE id = ? AND version = ?';
// The latest version of each timeline of a video, ordered by the creation of its first version.
const HEADS =
  'SELECT t.*, h.first_at FROM (SELECT id, max(version) AS head, min(created_at) AS first_at FROM timelines' +
  ' WHERE video_id = ? GROUP BY id) h JOIN timelines t ON t.id = h.id AND t.version = h.head';

/** TimelineRepository over SQL: one row per version, transitions in one transaction. */
export class SqlTimelineRepository implements TimelineRepository {
  /** Runs on the executor of `ctx` (the root one, or a transaction's). */
  constructor(private readonly ctx: RepoContext) {}

  /** Saves version 1 of a new id, or latest + 1 of a known one (archiving a previous draft). */
  async save(input: TimelineInput): Promise<Timeline> {
    const now = nowIso();
    const draft = prepareTimeline(input, 1, now);
    const { d } = this.ctx;
    const work = this.ctx.exec.transaction(async (tx) => {
      const latest = await this.find(tx, draft.id, undefined);
      const timeline = { ...draft };
      if (latest) {
        if (latest.videoId !== timeline.videoId) {
          throw new StorageError(
            'CONFLICT',
            `timeline ${JSON.stringify(timeline.id)} belongs to video ${JSON.stringify(latest.videoId)}: save it with that videoId or use a new id`,
            { details: { entity: 'timeline', id: timeline.id, videoId: latest.videoId } },
          );
        }
        timeline.version = latest.version + 1;
        if (latest.status === 'draft') {
          await tx.run(
            d.sql('UPDATE timelines SET status = ?, updated_at = ? WHERE id = ? AND version = ?'),
            ['archived', d.timestamp(laterThan(latest.updatedAt, now)), latest.id, latest.version],
          );
        }
      }
      await tx.run(d.sql(INSERT), timelineMapper.toRow(timeline, d));
      return timeline;
    }, 'write');
    return withEntity('timeline', draft.id, work);
  }

  /** The latest version, or the given one, or null. */
  async load(id: string, version?: number): Promise<Timeline | null> {
    const found = await this.find(this.ctx.exec, checkId(id), checkVersion(version));
    return found ?? null;
  }

  /** Summaries of every version, newest first. */
  async versions(id: string, page?: PageRequest): Promise<Page<TimelineVersionInfo>> {
    checkId(id);
    return fetchPage(
      this.ctx.exec,
      this.ctx.d,
      {
        select: 'SELECT id, version, status, created_by, created_at, updated_at FROM timelines',
        where: ['id = ?'],
        params: [id],
        order: ['version'],
        types: ['number'],
        descending: true,
        map: (r) => versionInfoFromRow(r, this.ctx.d),
        position: (v) => [v.version],
      },
      page,
    );
  }

  /** The latest version of every timeline of a video, by (createdAt of the first version, id). */
  async listForVideo(videoId: string, page?: PageRequest): Promise<Page<Timeline>> {
    checkId(videoId, 'video id');
    const { d } = this.ctx;
    const firstAt = new WeakMap<Timeline, string>();
    return fetchPage(
      this.ctx.exec,
      d,
      {
        select: HEADS,
        where: [],
        params: [videoId],
        order: ['h.first_at', 'h.id'],
        types: ['timestamp', 'text'],
        map: (r) => {
          const t = timelineMapper.fromRow(r, d);
          firstAt.set(t, d.readTimestamp(r.first_at));
          return t;
        },
        position: (t) => [firstAt.get(t) ?? t.createdAt, t.id],
      },
      page,
    );
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

  /** Deletes every version; their jobs go by cascade. */
  async delete(id: string): Promise<boolean> {
    checkId(id);
    const { changes } = await this.ctx.exec.run(this.ctx.d.sql('DELETE FROM timelines WHERE id = ?'), [id]);
    return changes > 0;
  }

  private async find(
    exec: SqlExecutor,
    id: string,
    version: number | undefined,
  ): Promise<Timeline | undefined> {
    const { d } = this.ctx;
    const row =
      version === undefined ? await exec.get(d.sql(LATEST), [id]) : await exec.get(d.sql(ONE), [id, version]);
    return row ? timelineMapper.fromRow(row, d) : undefined;
  }

  private transition(
    id: string,
    version: number | undefined,
    { from, to }: TimelineTransition,
  ): Promise<Timeline> {
    const { d } = this.ctx;
    return this.ctx.exec.transaction(async (tx) => {
      const timeline = await this.find(tx, id, version);
      if (!timeline)
        throw notFound(version === undefined ? 'timeline' : `timeline version ${version} of`, id);
      if (!from.includes(timeline.status)) throw illegalTransition('timeline', id, timeline.status, to);
      const updated: Timeline = { ...timeline, status: to, updatedAt: laterThan(timeline.updatedAt) };
      // The status read above guards the write: a version deleted or moved meanwhile updates no row.
      const { changes } = await tx.run(
        d.sql('UPDATE timelines SET status = ?, updated_at = ? WHERE id = ? AND version = ? AND status = ?'),
        [to, d.timestamp(updated.updatedAt), id, timeline.version, timeline.status],
      );
      if (changes !== 1) {
        throw await lostUpdate(tx, d, 'timelines', `timeline version ${timeline.version} of`, [
          id,
          timeline.version,
        ]);
      }
      return updated;
    }, 'write');
  }
}
