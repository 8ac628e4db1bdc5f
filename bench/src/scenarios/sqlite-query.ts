// Time-range query (~100 rows) over 10 k, 100 k and 1 M detections: the adapter's inRange (rows mapped
// to records) vs the same SQL as a raw better-sqlite3 prepared statement on the same file.
// Queries alternate adapter/raw on identical ranges; p50/p99 are the best of ROUNDS rounds.
import { join } from 'node:path';
import { latencyRow, now, percentile, type Scenario } from '../measure.js';
import {
  benchDir,
  DURATION,
  makeDetections,
  openAdapter,
  openRaw,
  rawInsert,
  VIDEO_ID,
} from './sqlite-insert.js';

const SIZES = (process.env.VPE_BENCH_QUERY_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const QUERIES = Number(process.env.VPE_BENCH_QUERIES ?? 2000);
const ROUNDS = Number(process.env.VPE_BENCH_ROUNDS ?? 3);
const WANTED_ROWS = 100;

const RAW_QUERY =
  'SELECT * FROM detections WHERE video_id = ? AND timestamp >= ? AND timestamp <= ? ORDER BY timestamp, id LIMIT ?';

/** A deterministic pseudo-random sequence, so both sides query the same ranges. */
function ranges(n: number, rows: number): [number, number][] {
  const width = (WANTED_ROWS * DURATION) / rows - 1e-9;
  let x = 12345;
  return Array.from({ length: n }, () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const start = (x / 2 ** 31) * (DURATION - width);
    return [start, start + width];
  });
}

const scenario: Scenario = {
  name: 'sqlite-query',
  async run() {
    const { dir, cleanup } = benchDir();
    const rowsOut = [];
    const extra: Record<string, unknown> = {};
    try {
      for (const size of SIZES) {
        const file = join(dir, `query-${size}.db`);
        const storage = await openAdapter(file); // the adapter's migration makes the schema
        const raw = openRaw(file);
        rawInsert(raw, makeDetections(size));
        raw.pragma('optimize');
        const stmt = raw.prepare(RAW_QUERY);
        const qs = ranges(QUERIES, size);
        let best = { a50: Infinity, a99: Infinity, r50: Infinity, r99: Infinity };
        let returned = 0;
        for (let round = 0; round < ROUNDS; round++) {
          const a: number[] = [];
          const r: number[] = [];
          for (const [i, [s, e]] of qs.entries()) {
            // Alternate which side goes first on every query.
            const adapterFirst = i % 2 === 0;
            let rows: unknown[] = [];
            const runRaw = () => {
              const t = now();
              rows = stmt.all(VIDEO_ID, s, e, 1001);
              r.push(now() - t);
            };
            if (!adapterFirst) runRaw();
            const t = now();
            const page = await storage.detections.inRange(VIDEO_ID, s, e, undefined, { limit: 1000 });
            a.push(now() - t);
            if (adapterFirst) runRaw();
            returned += page.items.length;
            if (rows.length !== page.items.length) throw new Error('adapter and raw disagree');
          }
          best = {
            a50: Math.min(best.a50, percentile(a, 50)),
            a99: Math.min(best.a99, percentile(a, 99)),
            r50: Math.min(best.r50, percentile(r, 50)),
            r99: Math.min(best.r99, percentile(r, 99)),
          };
        }
        const label = size.toLocaleString('en-US');
        rowsOut.push(latencyRow(`inRange p50 @ ${label} rows`, 'ms', best.a50, best.r50, 1.3));
        rowsOut.push(latencyRow(`inRange p99 @ ${label} rows`, 'ms', best.a99, best.r99));
        extra[`avgRowsPerQuery@${size}`] = Math.round(returned / (QUERIES * ROUNDS));
        raw.close();
        await storage.close();
      }
    } finally {
      cleanup();
    }
    return { rows: rowsOut, extra };
  },
};

export default scenario;
