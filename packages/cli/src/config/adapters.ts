import { ADAPTER_PACKAGES, type AdapterOverrides, type StorageConfig, schemeOf } from '@vpe-storage/core';

// The CLI depends on every adapter package, so it imports them itself and hands them to `openStorage`
// (core alone cannot see them under pnpm's strict layout). Only the packages the URLs name are loaded:
// a SQLite user never pays for the PostgreSQL or S3 clients.
const LOADERS: Record<string, () => Promise<unknown>> = {
  '@vpe-storage/sqlite': () => import('@vpe-storage/sqlite'),
  '@vpe-storage/postgres': () => import('@vpe-storage/postgres'),
  '@vpe-storage/fs-files': () => import('@vpe-storage/fs-files'),
  '@vpe-storage/s3-files': () => import('@vpe-storage/s3-files'),
  '@vpe-storage/cache': () => import('@vpe-storage/cache'),
};

/** The adapter modules the config's URLs need, keyed by package name (what `openStorage` takes as overrides). */
export async function adapterModules(config: StorageConfig): Promise<AdapterOverrides> {
  const out: AdapterOverrides = {};
  const wanted: [keyof typeof ADAPTER_PACKAGES, string][] = [
    ['database', config.database.url],
    ['files', config.files.url],
    ['cache', config.cache.url],
  ];
  for (const [kind, url] of wanted) {
    const table = ADAPTER_PACKAGES[kind] as Record<string, string>;
    const pkg = table[schemeOf(url, kind)];
    const load = pkg ? LOADERS[pkg] : undefined;
    if (pkg && load) out[pkg] = await load();
  }
  return out;
}
