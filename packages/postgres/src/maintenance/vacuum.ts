import { TABLES } from '@vpe-storage/core';
import type pg from 'pg';
import { mapPgError } from '../driver/pg-errors.js';

/** VACUUM ANALYZE of the store's tables: reclaims dead rows and refreshes planner statistics (outside a transaction). */
export async function pgVacuum(pool: pg.Pool): Promise<void> {
  try {
    await pool.query(`VACUUM (ANALYZE) ${[...TABLES, 'schema_migrations'].join(', ')}`);
  } catch (err) {
    throw mapPgError(err, 'VACUUM ANALYZE');
  }
}
