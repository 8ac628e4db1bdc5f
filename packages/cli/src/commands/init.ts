import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { globals, outputOf, withFacade } from '../cli/context.js';
import {
  CONFIG_FILE,
  DEFAULT_URLS,
  type LoadedConfig,
  loadConfig,
  localFolderOf,
  sqliteFileOf,
} from '../config/config-file.js';
import { printableUrls } from '../output/backend-urls.js';

/** What `init` did (the URLs as printable: passwords replaced by `***`). */
export interface InitResult {
  configPath: string;
  configWritten: boolean;
  database: string;
  files: string;
  cache: string;
  schemaVersion: number;
}

/** Options of {@link initialize}. */
export interface InitOptions {
  /** Where the config file goes. */
  configPath: string;
  database?: string;
  files?: string;
  cache?: string;
  /** Environment consulted for `VPE_*_URL` (default: the process's; the demo passes none). */
  env?: NodeJS.ProcessEnv;
}

/**
 * Writes the config file (unless one exists: it is kept, never overwritten), creates the data folder and
 * initializes the database (applies migrations). Running it twice is harmless.
 */
export async function initialize(options: InitOptions): Promise<InitResult & { loaded: LoadedConfig }> {
  const configPath = resolve(options.configPath);
  const configWritten = !existsSync(configPath);
  if (configWritten) {
    const urls = {
      database: options.database ?? DEFAULT_URLS.database,
      files: options.files ?? DEFAULT_URLS.files,
      cache: options.cache ?? DEFAULT_URLS.cache,
    };
    await mkdir(dirname(configPath), { recursive: true });
    const body = { database: { url: urls.database }, files: { url: urls.files }, cache: { url: urls.cache } };
    await writeFile(configPath, `${JSON.stringify(body, null, 2)}\n`, { flag: 'wx' });
  }
  const loaded = await loadConfig({
    cwd: dirname(configPath),
    env: options.env ?? process.env,
    configPath,
    requireSource: true,
  });
  const folder = localFolderOf(loaded.config.files.url);
  if (folder) await mkdir(folder, { recursive: true });
  const dbFile = sqliteFileOf(loaded.config.database.url);
  if (dbFile) await mkdir(dirname(dbFile), { recursive: true });
  const schemaVersion = await withFacade(loaded, (facade) => facade.storage.schemaVersion());
  return {
    loaded,
    configPath,
    configWritten,
    ...printableUrls(loaded.config),
    schemaVersion,
  };
}

/** `vpe-storage init`. */
export function registerInit(program: Command): void {
  program
    .command('init')
    .description(`write ${CONFIG_FILE} (kept if present), create the data folder, initialize the database`)
    .option('--database <url>', `database URL (default ${DEFAULT_URLS.database})`)
    .option('--files <url>', `files URL (default ${DEFAULT_URLS.files})`)
    .option('--cache <url>', `cache URL (default ${DEFAULT_URLS.cache})`)
    .action(async (opts: { database?: string; files?: string; cache?: string }, command: Command) => {
      const out = outputOf(command);
      const configPath = globals(command).config ?? join(process.cwd(), CONFIG_FILE);
      const { loaded: _, ...result } = await initialize({ configPath, ...opts });
      out.result(result, () =>
        [
          `${result.configWritten ? 'wrote' : 'kept'} ${result.configPath}`,
          `database  ${result.database} (schema version ${result.schemaVersion})`,
          `files     ${result.files}`,
          `cache     ${result.cache}`,
        ].join('\n'),
      );
    });
}
