// Time-range query (~100 rows) over 10 k, 100 k and 1 M detections: the adapter's inRange (rows mapped
// to records) vs the same SQL as a raw better-sqlite3 prepared statement on the same file.
// Queries alternate adapter/raw on identical ranges; p50/p99 are the best of ROUNDS rounds.
import { join } from 'node:path';
import { makeDetections, queryRanges, rangeLatencyRows, VIDEO_ID } from '../fixtures.js';
import { now, type Scenario } from '../measure.js';
import { benchDir, openAdapter, openRaw, rawInsert } from './sqlite-insert.js';

const SIZES = (process.env.VPE_BENCH_QUERY_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const QUERIES = Number(process.env.VPE_BENCH_QUERIES ?? 2000);
const ROUNDS = Number(process.env.VPE_BENCH_ROUNDS ?? 3);
const WANTED_ROWS = 100;

const RAW_QUERY =
  'SELECT * FROM detections WHERE video_id = ? AND timestamp >= ? AND timestamp <= ? ORDER BY timestamp, id LIMIT ?';

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
        const qs = queryRanges(QUERIES, size, WANTED_ROWS);
        const measured = await rangeLatencyRows(size, qs, ROUNDS, async (s, e, i) => {
          // Alternate which side goes first on every query.
          const adapterFirst = i % 2 === 0;
          let rows: unknown[] = [];
          let rawMs = 0;
          const runRaw = () => {
            const t = now();
            rows = stmt.all(VIDEO_ID, s, e, 1001);
            rawMs = now() - t;
          };
          if (!adapterFirst) runRaw();
          const t = now();
          const page = await storage.detections.inRange(VIDEO_ID, s, e, undefined, { limit: 1000 });
          const adapterMs = now() - t;
          if (adapterFirst) runRaw();
          if (rows.length !== page.items.length) throw new Error('adapter and raw disagree');
          return { adapterMs, rawMs, returned: page.items.length };
        });
        rowsOut.push(...measured.rows);
        extra[`avgRowsPerQuery@${size}`] = measured.avgRowsPerQuery;
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
