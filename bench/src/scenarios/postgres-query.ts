// Time-range query (~100 rows) over 10 k and 200 k detections in PostgreSQL: the adapter's inRange
// (named prepared statement through its pool, rows mapped to records) vs the same SQL as a raw pg named
// prepared query on one client. Queries alternate adapter/raw on identical ranges; p50/p99 best of ROUNDS.
import { makeDetections, queryRanges, rangeLatencyRows, VIDEO_ID } from '../fixtures.js';
import { now, type Scenario } from '../measure.js';
import { benchDatabase, openAdapter, pg, rawCopy } from './postgres-insert.js';

const SIZES = (process.env.VPE_BENCH_PG_QUERY_SIZES ?? '10000,200000').split(',').map(Number);
const QUERIES = Number(process.env.VPE_BENCH_QUERIES ?? 2000);
const ROUNDS = Number(process.env.VPE_BENCH_ROUNDS ?? 3);
const WANTED_ROWS = 100;

const RAW_QUERY =
  'SELECT * FROM detections WHERE video_id = $1 AND timestamp >= $2 AND timestamp <= $3 ORDER BY timestamp, id LIMIT $4';

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
        const qs = queryRanges(QUERIES, size, WANTED_ROWS);
        const measured = await rangeLatencyRows(size, qs, ROUNDS, async (s, e) => {
          let t = now();
          const page = await storage.detections.inRange(VIDEO_ID, s, e, undefined, { limit: 1000 });
          const adapterMs = now() - t;
          t = now();
          const res = await client.query({
            name: 'bench_range',
            text: RAW_QUERY,
            values: [VIDEO_ID, s, e, 1001],
          });
          const rawMs = now() - t;
          if (res.rows.length !== page.items.length) throw new Error('adapter and raw disagree');
          return { adapterMs, rawMs, returned: page.items.length };
        });
        rowsOut.push(...measured.rows);
        extra[`avgRowsPerQuery@${size}`] = measured.avgRowsPerQuery;
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
