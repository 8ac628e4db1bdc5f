import { VideoPrivacyStorage } from '@vpe-storage/core';
import type { Command } from 'commander';
import { adapterModules } from '../config/adapters.js';
import { type LoadedConfig, loadConfig } from '../config/config-file.js';
import { Output } from '../output/output.js';

/** The global options every command sees. */
export interface GlobalOptions {
  config?: string;
  json?: boolean;
}

/** The global options of the command being run. */
export function globals(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

/** The output of the command being run (JSON with `--json`). */
export function outputOf(command: Command): Output {
  return new Output(Boolean(globals(command).json));
}

/** Loads the configuration for a command (refusing to run on defaults alone unless `requireSource` is false). */
export function configOf(command: Command, requireSource = true): Promise<LoadedConfig> {
  return loadConfig({
    cwd: process.cwd(),
    env: process.env,
    configPath: globals(command).config,
    requireSource,
  });
}

/** Opens the facade over a loaded config with the CLI's own adapter modules. */
export async function openFacade(loaded: LoadedConfig): Promise<VideoPrivacyStorage> {
  return VideoPrivacyStorage.open(loaded.config, await adapterModules(loaded.config));
}

/** Runs `fn` with an open facade and closes it whatever happens. */
export async function withFacade<T>(
  loaded: LoadedConfig,
  fn: (facade: VideoPrivacyStorage) => Promise<T>,
): Promise<T> {
  const facade = await openFacade(loaded);
  try {
    return await fn(facade);
  } finally {
    await facade.close();
  }
}
