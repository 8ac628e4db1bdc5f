import { Command } from 'commander';
import { registerAnnotate } from '../commands/annotate.js';
import { registerDemo } from '../commands/demo.js';
import { registerIngest } from '../commands/ingest.js';
import { registerInit } from '../commands/init.js';
import { registerList } from '../commands/list.js';
import { registerMaintenance } from '../commands/maintenance.js';
import { registerShow } from '../commands/show.js';
import { registerStatus } from '../commands/status.js';
import { CONFIG_FILE } from '../config/config-file.js';

/** The `vpe-storage` command with every subcommand; errors are thrown, never printed, so `main` reports them once. */
export function createProgram(version: string): Command {
  const program = new Command('vpe-storage')
    .description(
      'storage of the Video Privacy Editor: videos, scenes, annotations, detections, timelines, jobs, models',
    )
    .version(version)
    .option('--config <file>', `config file (default: ./${CONFIG_FILE})`)
    .option('--json', 'print the result as JSON on stdout, and nothing else')
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({ writeErr: () => {} });
  registerInit(program);
  registerStatus(program);
  registerIngest(program);
  registerAnnotate(program);
  registerList(program);
  registerShow(program);
  registerMaintenance(program);
  registerDemo(program);
  // Subcommands inherit the silent error output and the exit override.
  for (const command of program.commands) command.exitOverride().configureOutput({ writeErr: () => {} });
  return program;
}
