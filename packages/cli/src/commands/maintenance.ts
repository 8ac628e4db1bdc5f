import type { Command } from 'commander';
import { configOf, outputOf, withFacade } from '../cli/context.js';
import { EXIT } from '../output/exit-codes.js';
import { formatBytes, keyValues, table } from '../output/format.js';

/** `check`, `cleanup`, `vacuum` and `migrate`. */
export function registerMaintenance(program: Command): void {
  program
    .command('check')
    .description('check records against files and records against records; exit code 1 on any problem')
    .option('--no-verify', 'trust the stored hashes instead of re-reading every video')
    .action(async (opts: { verify: boolean }, command: Command) => {
      const out = outputOf(command);
      const loaded = await configOf(command);
      const report = await withFacade(loaded, (f) => f.checkIntegrity({ verifyContent: opts.verify }));
      out.result(report, () => {
        const head = `${report.ok ? 'ok' : `${report.issues.length} problem(s)`}: ${report.checked.references} file references, ${report.checked.files} files, ${formatBytes(report.checked.bytesHashed)} hashed`;
        if (report.ok) return head;
        return `${head}\n${table(
          ['severity', 'check', 'record', 'message'],
          report.issues.map((i) => [
            i.severity,
            i.check,
            i.id ? `${i.table} ${i.id}` : (i.key ?? ''),
            i.message,
          ]),
        )}`;
      });
      if (!report.ok) process.exitCode = EXIT.FAILURE;
    });

  program
    .command('cleanup')
    .description('remove orphaned frames and models, old temp files and unreferenced blobs')
    .option('--secure', 'overwrite local files before removing them')
    .action(async (opts: { secure?: boolean }, command: Command) => {
      const out = outputOf(command);
      const loaded = await configOf(command);
      const result = await withFacade(loaded, (f) => f.cleanup({ secure: Boolean(opts.secure) }));
      out.result(result, () => keyValues({ ...result, bytesFreed: formatBytes(result.bytesFreed) }));
    });

  program
    .command('vacuum')
    .description('reclaim space in the database and refresh its statistics')
    .action(async (_opts: unknown, command: Command) => {
      const out = outputOf(command);
      const loaded = await configOf(command);
      const started = Date.now();
      const result = await withFacade(loaded, async (f) => {
        await f.vacuum();
        return {
          vacuumed: true,
          durationMs: Date.now() - started,
          sizeBytes: (await f.storage.stats()).sizeBytes,
        };
      });
      out.result(
        result,
        () =>
          `vacuumed in ${result.durationMs} ms; database ${result.sizeBytes === null ? 'size unknown' : formatBytes(result.sizeBytes)}`,
      );
    });

  program
    .command('migrate')
    .description(
      'apply pending schema migrations and report the schema version (any command applies them on open)',
    )
    .option('--status', 'list every migration and when it was applied')
    .action(async (opts: { status?: boolean }, command: Command) => {
      const out = outputOf(command);
      const loaded = await configOf(command);
      if (opts.status) {
        const list = await withFacade(loaded, (f) => f.storage.migrations());
        out.result(list, () =>
          table(
            ['version', 'name', 'applied'],
            list.map((m) => [m.version, m.name, m.appliedAt ?? 'pending']),
          ),
        );
        return;
      }
      const result = await withFacade(loaded, (f) => f.storage.migrate());
      out.result(
        result,
        () => `schema version ${result.to} (${result.applied.length} migration(s) applied by this run)`,
      );
    });
}
