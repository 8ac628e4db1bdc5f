import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { outputOf } from '../cli/context.js';
import { intOption } from '../cli/parse.js';
import { runDemo } from '../demo/run-demo.js';
import { formatSummary } from '../demo/summary.js';
import { EXIT } from '../output/exit-codes.js';
import { formatMs } from '../output/format.js';

/** Where the demo runs when no `--dir` is given (outside the repository, so a clone stays clean). */
export const DEFAULT_DEMO_DIR = join(tmpdir(), 'vpe-storage-demo');

/** `vpe-storage demo [--dir <folder>]`. */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run the main job end to end on SQLite + local folder + memory cache, in a fresh folder')
    .option(
      '--dir <folder>',
      `folder to run in; wiped first if an earlier demo made it (default ${DEFAULT_DEMO_DIR})`,
    )
    .option('--detections <n>', 'number of detections to bulk-insert', '100000')
    .action(async (opts: { dir?: string; detections: string }, command: Command) => {
      const out = outputOf(command);
      const detections = intOption(opts.detections, '--detections') ?? 100_000;
      const summary = await runDemo({
        dir: opts.dir ?? DEFAULT_DEMO_DIR,
        detections,
        onStep: (s) => out.note(`✓ ${s.name.padEnd(34)} ${formatMs(s.ms).padStart(9)}  ${s.detail}`),
      });
      out.result(summary, () => formatSummary(summary));
      if (!summary.integrity.ok) process.exitCode = EXIT.FAILURE;
    });
}
