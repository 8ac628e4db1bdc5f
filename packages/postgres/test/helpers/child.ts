import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..', '..', '..');

/** The path of a fixture script. */
export function fixture(name: string): string {
  return join(import.meta.dirname, '..', 'fixtures', name);
}

/** What a child process printed last (one JSON line), its exit status and its stderr. */
export interface ChildRun<R> {
  result: R | null;
  status: number | null;
  stderr: string;
}

/** Runs a TypeScript fixture in a child node process on the workspace sources. */
export function runChild<R>(script: string, args: readonly string[]): Promise<ChildRun<R>> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@vpe-storage/source', '--import', 'tsx', script, ...args],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', fail);
    child.on('close', (status) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      let result: R | null = null;
      try {
        result = JSON.parse(line) as R;
      } catch {
        result = null;
      }
      done({ result, status, stderr });
    });
  });
}
