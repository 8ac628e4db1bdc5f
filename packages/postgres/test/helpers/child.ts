import { join, resolve } from 'node:path';
import { type ChildRun, spawnTsChild } from '@vpe-storage/core/conformance';

export type { ChildRun };

const ROOT = resolve(import.meta.dirname, '..', '..', '..', '..');

/** The path of a fixture script. */
export function fixture(name: string): string {
  return join(import.meta.dirname, '..', 'fixtures', name);
}

/** Runs a TypeScript fixture in a child node process on the workspace sources. */
export function runChild<R>(script: string, args: readonly string[]): Promise<ChildRun<R>> {
  return spawnTsChild<R>(script, args, { cwd: ROOT });
}
