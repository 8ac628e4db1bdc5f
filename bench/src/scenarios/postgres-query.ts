// Time-range query (~100 rows) over 10 k and 200 k detections in PostgreSQL: the adapter's inRange
// (named prepared statement through its pool, rows mapped to records) vs the same SQL as a raw pg named
// prepared query on one client. Queries alternate adapter/raw on identical ranges; p50/p99 best of ROUNDS.
import { latencyRow, now, percentile, type Scenario } from '../measure.js';
import {
  benchDatabase,
  DURATION,
  makeDetections,
  openAdapter,
  pg,
  rawCopy,
  VIDEO_ID,
} from './postgres-insert.js';

const SIZES = (process.env.VPE_BENCH_PG_QUERY_SIZES ?? '10000,200000').split(',').map(Number);
const QUERIES = Number(process.env.VPE_BENCH_QUERIES ?? 2000);
const ROUNDS = Number(process.env.VPE_BENCH_ROUNDS ?? 3);
const WANTED_ROWS = 100;

const RAW_QUERY =
  'SELECT * FROM detections WHERE video_id = $1 AND timestamp >= $2 AND timestamp <= $3 ORDER BY timestamp, id LIMIT $4';

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
  name: 'postgres-query',
  async run() {
    const rowsOut = [];
    const extra: Record<string, unknown> = {};
    for (const size of SIZES) {
      const db = await benchDatabase();
      const storage = await openAdapter(db.url);
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        await rawCopy(client, makeDetections(size));
        await client.query('VACUUM ANALYZE detections');
        const qs = ranges(QUERIES, size);
        let best = { a50: Infinity, a99: Infinity, r50: Infinity, r99: Infinity };
        let returned = 0;
        for (let round = 0; round < ROUNDS; round++) {
          const a: number[] = [];
          const r: number[] = [];
          for (const [s, e] of qs) {
            let t = now();
            const page = await storage.detections.inRange(VIDEO_ID, s, e, undefined, { limit: 1000 });
            a.push(now() - t);
            t = now();
            const res = await client.query({
              name: 'bench_range',
              text: RAW_QUERY,
              values: [VIDEO_ID, s, e, 1001],
            });
            r.push(now() - t);
            returned += page.items.length;
            if (res.rows.length !== page.items.length) throw new Error('adapter and raw disagree');
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
      } finally {
        await client.end();
        await storage.close();
        await db.drop();
      }
    }
    return { rows: rowsOut, extra };
  },
};

export default scenario;
