import type { Command } from 'commander';
import { configOf, outputOf, withFacade } from '../cli/context.js';
import { printableUrls } from '../output/backend-urls.js';
import { formatBytes, keyValues, table } from '../output/format.js';

/** `vpe-storage status`: backends, schema version, row counts, files per area, cache counters. */
export function registerStatus(program: Command): void {
  program
    .command('status')
    .description('show the backends, schema version, row counts and stored files')
    .action(async (_opts: unknown, command: Command) => {
      const out = outputOf(command);
      const loaded = await configOf(command);
      const status = await withFacade(loaded, async (facade) => {
        const stats = await facade.stats({ files: true });
        return {
          config: loaded.path,
          backends: printableUrls(loaded.config),
          schemaVersion: stats.storage.schemaVersion,
          rows: stats.storage.rows,
          databaseBytes: stats.storage.sizeBytes,
          files: stats.files ?? {},
          cache: stats.cache,
        };
      });
      out.result(status, () =>
        [
          keyValues({
            config: status.config ?? '(environment)',
            ...status.backends,
            schemaVersion: status.schemaVersion,
            databaseSize: status.databaseBytes === null ? 'unknown' : formatBytes(status.databaseBytes),
          }),
          '',
          table(['table', 'rows'], Object.entries(status.rows)),
          '',
          table(
            ['area', 'files', 'bytes'],
            Object.entries(status.files).map(([area, s]) => [area, s?.files, formatBytes(s?.bytes ?? 0)]),
          ),
        ].join('\n'),
      );
    });
}
