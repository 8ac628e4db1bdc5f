import { readFileSync } from 'node:fs';
import { CommanderError } from 'commander';
import { describeError, EXIT, errorLine, exitCodeOf } from '../output/exit-codes.js';
import { createProgram } from './program.js';

function packageVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  return typeof pkg === 'object' && pkg !== null && 'version' in pkg ? String(pkg.version) : '0.0.0';
}

/** Runs the CLI with `argv` (without node and script); returns the exit code. Errors: one line on stderr. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    await createProgram(packageVersion()).parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.OK;
  } catch (err) {
    // Help and --version go through the exit override too: they are not errors.
    if (err instanceof CommanderError && (err.exitCode === 0 || err.code === 'commander.helpDisplayed'))
      return EXIT.OK;
    process.stderr.write(`${errorLine(err)}\n`);
    return exitCodeOf(describeError(err).code);
  }
}
