import { randomBytes } from 'node:crypto';
import type { ConformanceCase, SuiteDefinition } from './types.js';

/** How one case ended. */
export type CaseOutcome =
  | { status: 'passed' }
  | { status: 'skipped'; missing: string[] }
  | { status: 'failed'; error: unknown };

/** A fresh random namespace: ids, keys and cache keys of one case start with it. */
export function randomNamespace(): string {
  return `t${randomBytes(6).toString('hex')}`;
}

/** The capabilities a case needs and the fixture lacks. */
export function missingCapabilities<Caps>(c: ConformanceCase<unknown, Caps>, caps: Caps): string[] {
  return (c.requires ?? []).filter((name) => !(caps as Record<string, boolean>)[name]);
}

/** Runs one case on a fresh fixture and always disposes of it. */
export async function runCase<Fixture, Ctx, Caps>(
  suite: SuiteDefinition<Fixture, Ctx, Caps>,
  c: ConformanceCase<Ctx, Caps>,
  factory: () => Promise<Fixture>,
): Promise<CaseOutcome> {
  const fixture = await factory();
  try {
    const missing = missingCapabilities(c as ConformanceCase<unknown, Caps>, suite.capabilities(fixture));
    if (missing.length > 0) return { status: 'skipped', missing };
    await c.run(suite.context(fixture, { ns: randomNamespace() }));
    return { status: 'passed' };
  } catch (error) {
    return { status: 'failed', error };
  } finally {
    await suite.dispose(fixture);
  }
}

/** Runs every case of a suite in order (for the CLI and for backend authors without vitest). */
export async function runSuite<Fixture, Ctx, Caps>(
  suite: SuiteDefinition<Fixture, Ctx, Caps>,
  factory: () => Promise<Fixture>,
  onCase?: (name: string, outcome: CaseOutcome) => void,
): Promise<Map<string, CaseOutcome>> {
  const results = new Map<string, CaseOutcome>();
  for (const c of suite.cases) {
    const outcome = await runCase(suite, c, factory);
    results.set(c.name, outcome);
    onCase?.(c.name, outcome);
  }
  return results;
}
