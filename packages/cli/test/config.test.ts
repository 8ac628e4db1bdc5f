import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { CONFIG_FILE, loadConfig } from '../src/config/config-file.js';
import { removeDir, tempDir } from './run-cli.js';

let dir: string;
afterEach(async () => removeDir(dir));

describe('loadConfig', () => {
  it('uses the defaults, relative to the working folder, when not required to have a source', async () => {
    dir = await tempDir();
    const { config, path } = await loadConfig({ cwd: dir, env: {}, requireSource: false });
    expect(path).toBeNull();
    expect(config.database.url).toBe(`sqlite:${join(dir, 'data/app.db')}`);
    expect(config.files.url).toBe(pathToFileURL(join(dir, 'data')).href);
    expect(config.cache.url).toBe('memory:');
    expect(config.files.maxFileSize).toBe(10 * 1024 ** 3);
  });

  it('resolves relative URLs against the config file folder, and the environment wins over the file', async () => {
    dir = await tempDir();
    await mkdir(join(dir, 'conf'));
    await writeFile(
      join(dir, 'conf', CONFIG_FILE),
      JSON.stringify({
        database: { url: 'sqlite:./db/x.db' },
        files: { url: 'file:./blobs', maxFileSize: 1234 },
      }),
    );
    const { config, path } = await loadConfig({
      cwd: dir,
      env: { VPE_CACHE_URL: 'none:' },
      configPath: 'conf/vpe-storage.config.json',
    });
    expect(path).toBe(join(dir, 'conf', CONFIG_FILE));
    expect(config.database.url).toBe(`sqlite:${join(dir, 'conf/db/x.db')}`);
    expect(config.files.url).toBe(pathToFileURL(join(dir, 'conf/blobs')).href);
    expect(config.files.maxFileSize).toBe(1234);
    expect(config.cache.url).toBe('none:');
  });

  it('refuses to run on defaults alone when a source is required', async () => {
    dir = await tempDir();
    await expect(loadConfig({ cwd: dir, env: {}, requireSource: true })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('run `vpe-storage init` first'),
    });
  });

  it('names the missing value and where it came from', async () => {
    dir = await tempDir();
    await writeFile(join(dir, CONFIG_FILE), JSON.stringify({ database: { url: '' } }));
    await expect(loadConfig({ cwd: dir, env: {} })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/database\.url.*from .*vpe-storage\.config\.json/),
    });
    await expect(loadConfig({ cwd: dir, env: { VPE_DATABASE_URL: '' } })).rejects.toMatchObject({
      message: expect.stringContaining('$VPE_DATABASE_URL'),
    });
  });

  it('refuses a config file that is not JSON, or a --config that does not exist', async () => {
    dir = await tempDir();
    await writeFile(join(dir, CONFIG_FILE), '{ database: ');
    await expect(loadConfig({ cwd: dir, env: {} })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('not valid JSON'),
    });
    await expect(loadConfig({ cwd: dir, env: {}, configPath: 'nope.json' })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('does not exist'),
    });
  });
});
