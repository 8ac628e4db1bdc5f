// Fixtures and measuring loops shared by the SQLite and PostgreSQL scenarios. Not under scenarios/:
// run.ts loads every file there as a scenario.
import { type DetectionInput, newId, type VideoRepository } from '@vpe-storage/core';
import { type BenchRow, latencyRow, percentile } from './measure.js';

/** The id of the one video every bench detection belongs to. */
export const VIDEO_ID = 'bench-video';
/** Seconds of video the detections spread over. */
export const DURATION = 3600;

/** `n` detection inputs with fixed UUIDv7 ids, timestamps spread over the video. */
export function makeDetections(n: number): DetectionInput[] {
  const out: DetectionInput[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const timestamp = (i * DURATION) / n;
    out[i] = {
      // uuidv7 builds its string by concatenation; a flat copy keeps the one-time flattening cost out of
      // whichever side happens to touch the ids first.
      id: Buffer.from(newId(), 'latin1').toString('latin1'),
      videoId: VIDEO_ID,
      timestamp,
      frameNumber: Math.floor(timestamp * 30),
      detectorType: 'ocr',
      bbox: { x: (i * 7) % 1800, y: (i * 13) % 1000, width: 64, height: 32 },
      confidence: (i % 100) / 100,
      needsReview: i % 50 === 0,
    };
  }
  return out;
}

/** Creates the bench video through an adapter unless it is already there. */
export async function ensureBenchVideo(storage: { videos: VideoRepository }): Promise<void> {
  if (!(await storage.videos.get(VIDEO_ID))) {
    await storage.videos.create({
      id: VIDEO_ID,
      filename: 'bench.mp4',
      fileKey: 'videos/bench.mp4',
      duration: DURATION,
      frameRate: 30,
      width: 1920,
      height: 1080,
      fileSize: 1,
    });
  }
}

/** `n` query ranges over `rows` detections, each ~`wantedRows` wide; deterministic, so both sides query the same. */
export function queryRanges(n: number, rows: number, wantedRows: number): [number, number][] {
  const width = (wantedRows * DURATION) / rows - 1e-9;
  let x = 12345;
  return Array.from({ length: n }, () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const start = (x / 2 ** 31) * (DURATION - width);
    return [start, start + width];
  });
}

/** The timings of one range query on both sides, and how many rows the adapter returned. */
export interface RangeSample {
  /** Milliseconds the adapter's query took. */
  adapterMs: number;
  /** Milliseconds the raw driver's query took. */
  rawMs: number;
  /** Rows the adapter returned. */
  returned: number;
}

/**
 * Runs `query` on every range for `rounds` rounds and returns the p50/p99 latency rows (best of the
 * rounds) for `size` stored rows, with the average rows a query returned.
 */
export async function rangeLatencyRows(
  size: number,
  ranges: readonly [number, number][],
  rounds: number,
  query: (start: number, end: number, index: number) => Promise<RangeSample>,
): Promise<{ rows: BenchRow[]; avgRowsPerQuery: number }> {
  let best = { a50: Infinity, a99: Infinity, r50: Infinity, r99: Infinity };
  let returned = 0;
  for (let round = 0; round < rounds; round++) {
    const a: number[] = [];
    const r: number[] = [];
    for (const [i, [s, e]] of ranges.entries()) {
      const sample = await query(s, e, i);
      a.push(sample.adapterMs);
      r.push(sample.rawMs);
      returned += sample.returned;
    }
    best = {
      a50: Math.min(best.a50, percentile(a, 50)),
      a99: Math.min(best.a99, percentile(a, 99)),
      r50: Math.min(best.r50, percentile(r, 50)),
      r99: Math.min(best.r99, percentile(r, 99)),
    };
  }
  const label = size.toLocaleString('en-US');
  return {
    rows: [
      latencyRow(`inRange p50 @ ${label} rows`, 'ms', best.a50, best.r50, 1.3),
      latencyRow(`inRange p99 @ ${label} rows`, 'ms', best.a99, best.r99),
    ],
    avgRowsPerQuery: Math.round(returned / (ranges.length * rounds)),
  };
}
