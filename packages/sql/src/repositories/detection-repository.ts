import {
  checkDetectionFilter,
  checkDetectionItems,
  checkId,
  checkIds,
  checkName,
  checkOptionalId,
  checkRange,
  type Detection,
  type DetectionFilter,
  type DetectionInput,
  type DetectionRepository,
  type FastDetectionInput,
  isFastValidDetection,
  newId,
  nowIso,
  type Page,
  type PageRequest,
  prepareDetection,
} from '@vpe-storage/core';
import type { SqlValue } from '../executor/sql-executor.js';
import { detectionMapper } from '../mapping/detection-row.js';
import { fetchPage } from '../query/keyset.js';
import { getOne, type RepoContext, withEntity } from './context.js';

const COLUMN_COUNT = detectionMapper.columns.length;

/** DetectionRepository over SQL: bulk inserts in batches inside one transaction, keyset range queries. */
export class SqlDetectionRepository implements DetectionRepository {
  /** Runs on the executor of `ctx` (the root one, or a transaction's). */
  constructor(private readonly ctx: RepoContext) {}

  /** Inserts every detection or none; arrays are fully validated before any SQL runs. */
  async insertMany(items: Iterable<DetectionInput> | AsyncIterable<DetectionInput>): Promise<number> {
    checkDetectionItems(items);
    const now = nowIso();
    // Arrays get a cheap pre-pass: an invalid item anywhere rejects the call before the first statement,
    // and the rows pass below need not check again. Items only zod accepts keep their parsed record.
    let checked: Map<number, Detection> | null = null;
    if (Array.isArray(items)) {
      checked = new Map();
      for (let i = 0; i < items.length; i++) {
        if (!isFastValidDetection(items[i])) checked.set(i, prepareDetection(items[i], now, i));
      }
    }
    const { d, batchSize } = this.ctx;
    const createdAt = d.timestamp(now);
    const emptyMeta = d.json({});
    const yes = d.bool(true);
    const no = d.bool(false);
    // Rows are written into a pool of `batchSize` arrays reused by every batch (a batch is flushed, and
    // awaited, before the next one is filled): a million-row insert allocates no per-row arrays.
    // A fast-validated input goes straight into its row: no intermediate record, no zod parse.
    const pool: SqlValue[][] = [];
    const fill = (input: unknown, index: number, row: SqlValue[]): void => {
      if (checked === null ? !isFastValidDetection(input) : checked.size > 0 && checked.has(index)) {
        const values = detectionMapper.toRow(checked?.get(index) ?? prepareDetection(input, now, index), d);
        for (let k = 0; k < values.length; k++) row[k] = values[k] as SqlValue;
        return;
      }
      const item = input as FastDetectionInput;
      const b = item.bbox;
      row[0] = item.id ?? newId();
      row[1] = item.videoId;
      row[2] = item.timestamp;
      row[3] = item.frameNumber;
      row[4] = item.detectorType;
      row[5] = b.x;
      row[6] = b.y;
      row[7] = b.width;
      row[8] = b.height;
      row[9] = item.confidence;
      row[10] = item.needsReview ? yes : no;
      row[11] = null;
      row[12] = null;
      row[13] = item.metadata === undefined ? emptyMeta : d.json(item.metadata);
      row[14] = createdAt;
    };
    const work = this.ctx.exec.transaction(async (tx) => {
      let used = 0;
      let n = 0;
      const add = async (input: unknown) => {
        let row = pool[used];
        if (row === undefined) {
          row = new Array<SqlValue>(COLUMN_COUNT);
          pool.push(row);
        }
        fill(input, n++, row);
        used++;
        if (used >= batchSize) await flush();
      };
      const flush = async () => {
        await d.bulkInsert(
          tx,
          'detections',
          detectionMapper.columns,
          used === pool.length ? pool : pool.slice(0, used),
        );
        used = 0;
      };
      if (Symbol.iterator in items) {
        for (const item of items as Iterable<unknown>) {
          // Inline fast path of add(): no promise per row unless a batch is due.
          let row = pool[used];
          if (row === undefined) {
            row = new Array<SqlValue>(COLUMN_COUNT);
            pool.push(row);
          }
          fill(item, n++, row);
          if (++used >= batchSize) await flush();
        }
      } else {
        for await (const item of items as AsyncIterable<unknown>) await add(item);
      }
      if (used > 0) await flush();
      return n;
    }, 'bulk');
    return withEntity('detection batch', 'insertMany', work);
  }

  /** The detection, or null. */
  async get(id: string): Promise<Detection | null> {
    checkId(id);
    return getOne(this.ctx, 'SELECT * FROM detections WHERE id = ?', [id], (r) =>
      detectionMapper.fromRow(r, this.ctx.d),
    );
  }

  /** Detections of a video with start <= timestamp <= end and the filter, by (timestamp, id). */
  async inRange(
    videoId: string,
    start: number,
    end: number,
    filter?: DetectionFilter,
    page?: PageRequest,
  ): Promise<Page<Detection>> {
    checkId(videoId, 'video id');
    const r = checkRange(start, end);
    const f = checkDetectionFilter(filter);
    const where = ['video_id = ?', 'timestamp >= ?', 'timestamp <= ?'];
    const params: (string | number)[] = [videoId, r.start, r.end];
    if (f.detectorType !== undefined) {
      where.push('detector_type = ?');
      params.push(f.detectorType);
    }
    if (f.minConfidence !== undefined) {
      where.push('confidence >= ?');
      params.push(f.minConfidence);
    }
    return this.page(where, params, page);
  }

  /** Detections flagged for review (the partial index), optionally of one video, by (timestamp, id). */
  async reviewQueue(videoId?: string | null, page?: PageRequest): Promise<Page<Detection>> {
    const vid = checkOptionalId(videoId, 'video id');
    const flagged = `needs_review = ${this.ctx.d.trueLiteral}`;
    return vid === null ? this.page([flagged], [], page) : this.page([flagged, 'video_id = ?'], [vid], page);
  }

  /** Clears `needsReview` and records reviewer and time; returns how many of the ids existed. */
  async markReviewed(ids: readonly string[], reviewedBy: string): Promise<number> {
    const unique = [...new Set(checkIds(ids))];
    const reviewer = checkName(reviewedBy, 'reviewedBy');
    if (unique.length === 0) return 0;
    const { d } = this.ctx;
    const at = d.timestamp(nowIso());
    const chunk = Math.max(1, d.maxParams - 4);
    return this.ctx.exec.transaction(async (tx) => {
      let n = 0;
      for (let i = 0; i < unique.length; i += chunk) {
        const part = unique.slice(i, i + chunk);
        const sql = `UPDATE detections SET needs_review = ?, reviewed_by = ?, reviewed_at = ? WHERE id IN (${part.map(() => '?').join(', ')})`;
        n += (await tx.run(d.sql(sql), [d.bool(false), reviewer, at, ...part])).changes;
      }
      return n;
    });
  }

  /** Number of detections of a video. */
  async countForVideo(videoId: string): Promise<number> {
    checkId(videoId, 'video id');
    const row = await this.ctx.exec.get(
      this.ctx.d.sql('SELECT count(*) AS n FROM detections WHERE video_id = ?'),
      [videoId],
    );
    return Number(row?.n ?? 0);
  }

  private async page(
    where: string[],
    params: (string | number)[],
    page?: PageRequest,
  ): Promise<Page<Detection>> {
    return fetchPage(
      this.ctx.exec,
      this.ctx.d,
      {
        select: 'SELECT * FROM detections',
        where,
        params,
        order: ['timestamp', 'id'],
        types: ['number', 'text'],
        map: (r) => detectionMapper.fromRow(r, this.ctx.d),
        position: (x) => [x.timestamp, x.id],
      },
      page,
    );
  }
}
