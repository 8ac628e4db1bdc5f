import pg from 'pg';
import { PostgresStorage, type PostgresStorageOptions } from '../../src/index.js';
import { randomName } from './server.js';

/** An initialized storage in a new schema of `url`, a raw client on that schema, and cleanup. */
export async function freshStorage(
  url: string,
  options: Partial<PostgresStorageOptions> = {},
): Promise<{ storage: PostgresStorage; raw: pg.Client; schema: string; dispose(): Promise<void> }> {
  const schema = randomName('s');
  const raw = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  raw.on('error', () => undefined);
  await raw.connect();
  await raw.query(`CREATE SCHEMA ${schema}`);
  const storage = new PostgresStorage({ url, schema, ...options });
  await storage.initialize();
  return {
    storage,
    raw,
    schema,
    async dispose() {
      await storage.close();
      await raw.query(`DROP SCHEMA ${schema} CASCADE`);
      await raw.end();
    },
  };
}

/** A video input with defaults. */
export function video(id: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    filename: `${id}.mp4`,
    fileKey: `videos/${id}.mp4`,
    duration: 3600,
    frameRate: 30,
    width: 640,
    height: 480,
    fileSize: 1,
    ...extra,
  };
}

/** `n` valid detections of a video. */
export function detections(videoId: string, n: number, prefix = 'd') {
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}${String(i).padStart(6, '0')}`,
    videoId,
    timestamp: i / 10,
    frameNumber: i * 3,
    detectorType: 'face',
    bbox: { x: i % 100, y: 1, width: 10, height: 10 },
    confidence: (i % 100) / 100,
    needsReview: i % 7 === 0,
  }));
}
