import type { Migration } from '@vpe-storage/sql';
import { initialSchema } from './001-initial.js';

/** Every SQLite migration, in version order. Never edit an applied one: add a new one. */
export const SQLITE_MIGRATIONS: readonly Migration[] = [initialSchema];
