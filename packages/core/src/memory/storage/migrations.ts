import { createHash } from 'node:crypto';
import type { MigrationStatus } from '../../contracts/base-storage.js';

/** The memory backend's one pseudo-migration: its tables exist as soon as it is constructed. */
export const MEMORY_MIGRATIONS: readonly { version: number; name: string; checksum: string }[] = [
  { version: 1, name: 'initial', checksum: createHash('sha256').update('memory:1:initial').digest('hex') },
];

/** The latest known migration version. */
export const LATEST_MEMORY_VERSION = MEMORY_MIGRATIONS.length;

/** Every migration with its applied time (null when pending), given the applied times by version. */
export function migrationStatuses(appliedAt: ReadonlyMap<number, string>): MigrationStatus[] {
  return MEMORY_MIGRATIONS.map((m) => ({ ...m, appliedAt: appliedAt.get(m.version) ?? null }));
}
