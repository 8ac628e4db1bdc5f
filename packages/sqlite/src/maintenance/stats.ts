import { statSync } from 'node:fs';
import type { SizeDetails } from '@vpe-storage/sql';
import type { SqliteDatabase } from '../driver/sqlite-database.js';

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Page figures from the pragmas, and the sizes of the database file and its WAL. */
export async function sqliteSizeDetails(db: SqliteDatabase, file: string | null): Promise<SizeDetails> {
  const figures = await db.exclusive(() => {
    const c = db.connection;
    return {
      pageSize: Number(c.pragma('page_size', { simple: true })),
      pageCount: Number(c.pragma('page_count', { simple: true })),
      freelistCount: Number(c.pragma('freelist_count', { simple: true })),
      journalMode: String(c.pragma('journal_mode', { simple: true })),
    };
  });
  const dbBytes = file === null ? figures.pageSize * figures.pageCount : fileSize(file);
  const walBytes = file === null ? 0 : fileSize(`${file}-wal`);
  return {
    sizeBytes: dbBytes + walBytes,
    details: { ...figures, fileBytes: dbBytes, walBytes, path: file ?? ':memory:' },
  };
}
