import type { Migration } from '@vpe-storage/sql';
import { initialSchema } from './001-initial.js';

/** Every PostgreSQL migration, in version order. Never edit an applied one: add a new one. */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [initialSchema];
