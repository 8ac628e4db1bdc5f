import type { SqliteDatabase } from '../driver/sqlite-database.js';

/** VACUUM, refresh planner statistics, and fold the WAL back into the database file. */
export async function sqliteVacuum(db: SqliteDatabase): Promise<void> {
  await db.exclusive(() => {
    const c = db.connection;
    c.exec('VACUUM');
    c.pragma('optimize');
    c.pragma('wal_checkpoint(TRUNCATE)');
  });
}
