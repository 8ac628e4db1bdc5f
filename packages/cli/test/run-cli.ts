import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The CLI's entry point, run from its TypeScript sources through tsx (no build needed, same code as dist). */
const BIN = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

/** The sample video shipped with the CLI. */
export const SAMPLE = fileURLToPath(new URL('../assets/sample.mp4', import.meta.url));

/** What one run of the CLI gave. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `vpe-storage <args>` in `cwd` as a subprocess, without the caller's VPE_* variables (unless given). */
export function runCli(args: string[], cwd: string, env: Record<string, string> = {}): Promise<CliRun> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VPE_')));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--conditions=@vpe-storage/source', '--import', TSX, BIN, ...args],
      { cwd, env: { ...clean, ...env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024, timeout: 150_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** Runs with `--json` and parses stdout (which must hold JSON and nothing else). */
export async function runJson<T = Record<string, unknown>>(
  args: string[],
  cwd: string,
  env?: Record<string, string>,
) {
  const run = await runCli(['--json', ...args], cwd, env);
  if (run.code !== 0) throw new Error(`vpe-storage ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

/** A new empty temp folder. */
export function tempDir(prefix = 'vpe-cli-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Removes a temp folder. */
export function removeDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

/**
 * Every file under `dir` with its size, except SQLite's transient sidecars (-wal, -shm, -journal),
 * which come and go with connections and hold nothing once closed.
 */
export async function tree(dir: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const walk = async (folder: string) => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (!/-(wal|shm|journal)$/.test(entry.name)) out[relative(dir, path)] = (await stat(path)).size;
    }
  };
  await walk(dir);
  return out;
}
