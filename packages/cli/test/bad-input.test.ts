import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_FILE } from '../src/config/config-file.js';
import { removeDir, runCli, runJson, SAMPLE, tempDir, tree } from './run-cli.js';

// Each bad input must give one line on stderr (`error: <CODE>: …`), a non-zero exit code, nothing on
// stdout, and leave the database rows and the data folder exactly as they were.
let dir: string;
let videoId: string;
let snapshot: { rows: unknown; files: Record<string, number> };

async function state() {
  const status = await runJson<{ rows: unknown }>(['status'], dir);
  return { rows: status.rows, files: await tree(join(dir, 'data')) };
}

beforeAll(async () => {
  dir = await tempDir();
  await runJson(['init'], dir);
  videoId = (await runJson<{ id: string }>(['ingest', SAMPLE], dir)).id;
  snapshot = await state();
});
afterAll(async () => removeDir(dir));

async function expectRefused(args: string[], exitCode: number, code: string, message: RegExp, cwd = dir) {
  const run = await runCli(args, cwd);
  expect(run.code).toBe(exitCode);
  expect(run.stdout).toBe('');
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^error: ${code}: `));
  expect(lines[0]).toMatch(message);
  expect(await state()).toEqual(snapshot);
}

describe('bad input: one clear line, non-zero exit, nothing written', () => {
  it('a file that is not a video', async () => {
    const notVideo = join(dir, 'notes.mp4');
    await writeFile(notVideo, 'these are my notes, not a video\n'.repeat(100));
    await expectRefused(
      ['ingest', notVideo],
      2,
      'VALIDATION',
      /notes\.mp4.*does not start with an "ftyp" box/,
    );
  });

  it('a video over the size limit', async () => {
    const small = join(dir, 'small-limit.json');
    await writeFile(
      small,
      JSON.stringify({
        database: { url: 'sqlite:./data/app.db' },
        files: { url: 'file:./data', maxFileSize: 100_000 },
      }),
    );
    await expectRefused(
      ['--config', small, 'ingest', SAMPLE],
      2,
      'VALIDATION',
      /over the limit of 97\.7 KiB \(files\.maxFileSize\)/,
    );
  });

  it('a video file that does not exist', async () => {
    await expectRefused(['ingest', join(dir, 'missing.mp4')], 3, 'NOT_FOUND', /missing\.mp4 does not exist/);
  });

  it('an unknown id', async () => {
    await expectRefused(
      ['show', 'video', 'no-such-video'],
      3,
      'NOT_FOUND',
      /video "no-such-video" does not exist/,
    );
    await expectRefused(
      ['annotate', 'no-such-video', '--time', '1', '--bbox', '1,1,5,5', '--label', 'face'],
      3,
      'NOT_FOUND',
      /no-such-video/,
    );
  });

  it('an invalid bbox', async () => {
    await expectRefused(
      ['annotate', videoId, '--time', '1', '--bbox', '10,10,0,5', '--label', 'face'],
      2,
      'VALIDATION',
      /--bbox \(x,y,width,height\): width: must be > 0/,
    );
    await expectRefused(
      ['annotate', videoId, '--time', '1', '--bbox', '10,10,five,5', '--label', 'face'],
      2,
      'VALIDATION',
      /--bbox.*four integers/,
    );
    await expectRefused(
      ['annotate', videoId, '--time', '1', '--bbox', '-3,10,5,5', '--label', 'face'],
      2,
      'VALIDATION',
      /--bbox \(x,y,width,height\): x: must be >= 0/,
    );
  });

  it('a missing or empty config value', async () => {
    const broken = join(dir, 'broken.json');
    await writeFile(broken, JSON.stringify({ database: { url: '' } }));
    await expectRefused(['--config', broken, 'status'], 2, 'VALIDATION', /database\.url.*broken\.json/);
    await expectRefused(
      ['annotate', videoId, '--bbox', '1,1,5,5', '--label', 'face'],
      2,
      'VALIDATION',
      /--time <seconds> is required/,
    );
  });

  it('no config at all: refuses instead of creating a database in the working folder', async () => {
    const empty = await tempDir();
    try {
      const run = await runCli(['status'], empty);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(
        new RegExp(
          `^error: VALIDATION: no ${CONFIG_FILE.replace(/\./g, '\\.')} in .*run \`vpe-storage init\` first`,
        ),
      );
      expect(await tree(empty)).toEqual({});
    } finally {
      await removeDir(empty);
    }
  });

  it('bad usage: an unknown command or a missing argument', async () => {
    await expectRefused(['frobnicate'], 2, 'VALIDATION', /unknown command 'frobnicate'/);
    await expectRefused(['ingest'], 2, 'VALIDATION', /missing required argument 'video'/);
    await expectRefused(['list', 'annotations'], 2, 'VALIDATION', /--video <id> is required/);
  });
});
