import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_FILE } from '../src/config/config-file.js';
import { printableUrls } from '../src/output/backend-urls.js';
import { removeDir, runCli, runJson, tempDir } from './run-cli.js';

const SECRET = 's3cr3t-XYZ';
// The Redis cache connects lazily: init and status never reach this (closed) port.
const CACHE = `redis://:${SECRET}@127.0.0.1:9/0`;

describe('printableUrls', () => {
  it('hides the passwords of every backend URL', () => {
    const urls = printableUrls({
      database: { url: `postgres://vpe:${SECRET}@db:5432/vpe` },
      files: { url: `s3://AKIA1:${SECRET}@bucket/p?endpoint=http://minio:9000&secretAccessKey=${SECRET}` },
      cache: { url: `tiered:${CACHE}` },
    } as Parameters<typeof printableUrls>[0]);
    expect(urls).toEqual({
      database: 'postgres://vpe:***@db:5432/vpe',
      files: 's3://AKIA1:***@bucket/p?endpoint=http://minio:9000&secretAccessKey=***',
      cache: 'tiered:redis://:***@127.0.0.1:9/0',
    });
  });
});

describe('init and status never print a password (subprocess)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir('vpe-redact-');
  });
  afterAll(async () => removeDir(dir));

  it('init prints the redacted URL (JSON and text) but keeps the real one in the config file', async () => {
    const json = await runCli(['--json', 'init', '--cache', CACHE], dir);
    expect(json.code).toBe(0);
    expect(json.stdout + json.stderr).not.toContain(SECRET);
    expect(JSON.parse(json.stdout).cache).toBe('redis://:***@127.0.0.1:9/0');
    const text = await runCli(['init'], dir);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('redis://:***@127.0.0.1:9/0');
    expect(text.stdout + text.stderr).not.toContain(SECRET);
    expect(await readFile(join(dir, CONFIG_FILE), 'utf8')).toContain(SECRET);
  });

  it('status prints the redacted URLs, with --json and without', async () => {
    const json = await runJson<{ backends: Record<string, string> }>(['status'], dir);
    expect(json.backends.cache).toBe('redis://:***@127.0.0.1:9/0');
    const text = await runCli(['status'], dir);
    expect(text.code).toBe(0);
    expect(text.stdout + text.stderr).not.toContain(SECRET);
    expect(text.stdout).toContain('redis://:***@');
  });
});
