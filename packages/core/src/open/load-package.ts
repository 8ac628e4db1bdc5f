import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StorageError } from '../errors/storage-error.js';

function isModuleNotFound(err: unknown, pkg: string): boolean {
  const e = err as { code?: string; message?: string };
  return (
    (e?.code === 'ERR_MODULE_NOT_FOUND' || e?.code === 'MODULE_NOT_FOUND') &&
    typeof e.message === 'string' &&
    e.message.includes(pkg)
  );
}

/**
 * Loads an adapter package on demand: from core's own location first, then from the application's
 * folder (pnpm's strict layout hides the app's packages from core). Names the package to install
 * when it is missing.
 */
export async function loadAdapterPackage<T>(pkg: string, scheme: string): Promise<T> {
  try {
    return (await import(pkg)) as T;
  } catch (err) {
    if (!isModuleNotFound(err, pkg)) throw err;
  }
  try {
    const resolved = createRequire(join(process.cwd(), 'noop.js')).resolve(pkg);
    return (await import(pathToFileURL(resolved).href)) as T;
  } catch (err) {
    if (!isModuleNotFound(err, pkg)) throw err;
    throw new StorageError(
      'UNSUPPORTED',
      `the URL scheme "${scheme}" needs the package ${pkg}: install it with \`pnpm add ${pkg}\` (or npm install ${pkg})`,
      { details: { package: pkg, scheme }, cause: err },
    );
  }
}
