// A put that runs out of space (here: the file-size limit of `ulimit -f`, which fails writes with EFBIG)
// rejects with NO_SPACE, leaves no temp file, and keeps the previous object under the key.
import { spawnSync } from 'node:child_process';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { patternBytes } from '@vpe-storage/core/conformance';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { LocalFileStore, TEMP_DIR } from '../src/index.js';
import { disposeFixtures, fixtureCommand } from './fixtures/run-fixture.js';
import { freshRoot, readObjectFile } from './helpers.js';

const LIMIT_KIB = 512;

function putUnderLimit(
  root: string,
  key: string,
  size: number,
): { ok?: boolean; code?: string; message?: string } {
  const argv = [process.execPath, ...fixtureCommand('full-writer'), root, key, String(size)]
    .map((a) => `'${a}'`)
    .join(' ');
  const res = spawnSync('bash', ['-c', `ulimit -f ${LIMIT_KIB}; exec ${argv}`], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  const line = res.stdout.trim().split('\n').pop() ?? '';
  if (!line.startsWith('{'))
    throw new Error(`child failed (${res.status} ${res.signal}): ${res.stderr.slice(0, 500)}`);
  return JSON.parse(line);
}

describe('disk full (ulimit -f)', () => {
  let root = '';
  beforeAll(() => {
    fixtureCommand('full-writer');
  });
  afterAll(() => disposeFixtures());
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  test('an overwrite that hits the limit rejects with NO_SPACE and keeps the old object', {
    timeout: 60_000,
  }, async () => {
    root = await freshRoot('vpe-full-');
    const store = new LocalFileStore({ root });
    const old = patternBytes(100_000, 5);
    const before = await store.put('v/clip.bin', old, { contentType: 'video/mp4' });

    const result = putUnderLimit(root, 'v/clip.bin', 4 * 1024 * 1024);
    expect(result.code, result.message).toBe('NO_SPACE');
    expect(result.message).toMatch(/clip\.bin/);

    expect(await readdir(join(root, TEMP_DIR))).toEqual([]);
    const head = await store.head('v/clip.bin');
    expect(head?.sha256).toBe(before.sha256);
    expect(head?.contentType).toBe('video/mp4');
    expect(Buffer.from((await readObjectFile(root, 'v/clip.bin')) ?? [])).toEqual(old);
    expect((await store.list()).items.map((e) => e.key)).toEqual(['v/clip.bin']);
  });

  test('a new key that hits the limit rejects with NO_SPACE and stores nothing', {
    timeout: 60_000,
  }, async () => {
    root = await freshRoot('vpe-full-');
    const result = putUnderLimit(root, 'v/new.bin', 2 * 1024 * 1024);
    expect(result.code, result.message).toBe('NO_SPACE');
    const store = new LocalFileStore({ root });
    expect(await store.exists('v/new.bin')).toBe(false);
    expect(await readObjectFile(root, 'v/new.bin')).toBeNull();
    expect(await readdir(join(root, TEMP_DIR))).toEqual([]);
    expect((await store.list()).items).toEqual([]);
  });

  test('a body just under the limit still succeeds in the same setup (the limit is what failed above)', {
    timeout: 60_000,
  }, async () => {
    root = await freshRoot('vpe-full-');
    const result = putUnderLimit(root, 'v/fits.bin', 256 * 1024);
    expect(result).toEqual({ ok: true, size: 256 * 1024 });
  });
});
