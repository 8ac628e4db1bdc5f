import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  isStorageError,
  parseOrThrow,
  type StorageConfig,
  type StorageConfigInput,
  StorageConfigSchema,
  StorageError,
} from '@vpe-storage/core';
import { z } from 'zod';

/** The config file looked for in the working folder. */
export const CONFIG_FILE = 'vpe-storage.config.json';

/** The environment variables that override the file's URLs. */
export const ENV_URLS = {
  VPE_DATABASE_URL: 'database',
  VPE_FILES_URL: 'files',
  VPE_CACHE_URL: 'cache',
} as const;

/** The embedded default: SQLite file + local folder + memory cache, relative to the config's folder. */
export const DEFAULT_URLS = {
  database: 'sqlite:./data/app.db',
  files: 'file:./data',
  cache: 'memory:',
} as const;

/** A config ready to open, and where it came from. */
export interface LoadedConfig {
  config: StorageConfig;
  /** The config file read, or null when only the environment and defaults were used. */
  path: string | null;
  /** Where relative paths of the URLs were resolved (the config file's folder, else the working folder). */
  baseDir: string;
  /** Human description of the sources, for messages. */
  source: string;
}

/** Options of {@link loadConfig}. */
export interface LoadConfigOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** `--config <path>`. */
  configPath?: string;
  /** Refuse to run on defaults alone (every command but `init` and `demo`: it would create a database). */
  requireSource?: boolean;
}

const JsonObjectSchema = z.record(z.string(), z.unknown());

/** Reads the config file (if any), applies `VPE_*_URL` variables, validates, and makes relative paths absolute. */
export async function loadConfig(options: LoadConfigOptions): Promise<LoadedConfig> {
  const path = options.configPath ? resolve(options.cwd, options.configPath) : join(options.cwd, CONFIG_FILE);
  const exists = existsSync(path);
  if (options.configPath && !exists) {
    throw new StorageError(
      'VALIDATION',
      `config file ${path} does not exist: check --config, or run \`vpe-storage init\``,
    );
  }
  const envUrls = Object.entries(ENV_URLS).filter(([name]) => options.env[name] !== undefined);
  if (!exists && envUrls.length === 0 && options.requireSource) {
    throw new StorageError(
      'VALIDATION',
      `no ${CONFIG_FILE} in ${options.cwd} and no VPE_DATABASE_URL: run \`vpe-storage init\` first, or pass --config <file>`,
    );
  }
  const input: Record<string, Record<string, unknown>> = exists ? await readJson(path) : {};
  for (const [name, section] of envUrls)
    input[section] = { ...(input[section] ?? {}), url: options.env[name] };
  const source =
    [exists ? path : null, ...envUrls.map(([name]) => `$${name}`)].filter(Boolean).join(' + ') || 'defaults';
  let config: StorageConfig;
  try {
    config = parseOrThrow(StorageConfigSchema, input as StorageConfigInput, 'configuration');
  } catch (err) {
    if (!isStorageError(err, 'VALIDATION')) throw err;
    throw new StorageError(
      'VALIDATION',
      `${err.message} (from ${source}): fix the value, or remove it to use the default`,
      {
        issues: err.issues,
      },
    );
  }
  const baseDir = exists ? dirname(path) : options.cwd;
  return { config: absoluteUrls(config, baseDir), path: exists ? path : null, baseDir, source };
}

async function readJson(path: string): Promise<Record<string, Record<string, unknown>>> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new StorageError(
      'VALIDATION',
      `config file ${path} is not valid JSON (${(err as Error).message}): fix or delete it`,
    );
  }
  const parsed = JsonObjectSchema.safeParse(value);
  if (!parsed.success) throw new StorageError('VALIDATION', `config file ${path} must hold a JSON object`);
  return parsed.data as Record<string, Record<string, unknown>>;
}

// `sqlite:./data/app.db` and `file:./data` name paths relative to the config file, wherever the CLI runs.
function absolutePath(url: string, scheme: string, baseDir: string): string {
  if (!url.startsWith(scheme)) return url;
  const rest = url.slice(scheme.length);
  if (rest === '' || rest.startsWith(':') || rest.startsWith('//') || isAbsolute(rest)) return url;
  const absolute = resolve(baseDir, rest);
  // A file URL proper, so a folder name with `%` or spaces survives the store's URL decoding.
  return scheme === 'file:' ? pathToFileURL(absolute).href : `${scheme}${absolute}`;
}

function absoluteUrls(config: StorageConfig, baseDir: string): StorageConfig {
  return {
    ...config,
    database: { ...config.database, url: absolutePath(config.database.url, 'sqlite:', baseDir) },
    files: { ...config.files, url: absolutePath(config.files.url, 'file:', baseDir) },
  };
}

/** The local folder of a `file:` URL (absolute after {@link loadConfig}), or null for other schemes. */
export function localFolderOf(url: string): string | null {
  if (!url.startsWith('file:')) return null;
  return url.startsWith('file://')
    ? fileURLToPath(url)
    : resolve(decodeURIComponent(url.slice('file:'.length)));
}

/** The database file of a `sqlite:` URL, or null for other schemes and in-memory databases. */
export function sqliteFileOf(url: string): string | null {
  if (!url.startsWith('sqlite:')) return null;
  const rest = url.slice('sqlite:'.length);
  return rest.startsWith(':memory:') || rest === '' ? null : rest.replace(/^\/\/(?=\/)/, '');
}
