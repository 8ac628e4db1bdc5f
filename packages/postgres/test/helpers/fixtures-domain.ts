import type { PostgresStorage } from '../../src/index.js';
import { video } from './fresh-storage.js';

/** A timeline input of video `videoId`. */
export function timeline(id: string, videoId: string) {
  return {
    id,
    videoId,
    name: 'main',
    data: { videoDuration: 10, frameRate: 30, blurRegions: [] },
  };
}

/** Creates video `v`, timeline `t` and a pending job `j` of it. */
export async function seedJob(storage: PostgresStorage): Promise<void> {
  await storage.videos.create(video('v'));
  await storage.timelines.save(timeline('t', 'v'));
  await storage.jobs.create({ id: 'j', videoId: 'v', timelineId: 't' });
}

/** Resolves once some session of this database waits on a lock (a row lock held by another session). */
export async function untilLockWait(raw: { query(sql: string): Promise<{ rows: { n: number }[] }> }) {
  for (let i = 0; i < 200; i++) {
    const { rows } = await raw.query(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
    );
    if ((rows[0]?.n ?? 0) > 0) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('no session started waiting on a lock within 5 s');
}
