import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_FILE } from '../src/config/config-file.js';
import { removeDir, runCli, runJson, tempDir, tree } from './run-cli.js';

interface Summary {
  dir: string;
  config: string;
  videoId: string;
  rows: Record<string, number>;
  files: Record<string, { files: number; bytes: number }>;
  integrity: { ok: boolean };
  steps: { name: string; ms: number }[];
}

let root: string;
beforeAll(async () => {
  root = await tempDir('vpe-demo-');
});
afterAll(async () => removeDir(root));

describe('vpe-storage demo', () => {
  it('runs the main job end to end, and `check` finds the result clean', { timeout: 180_000 }, async () => {
    const dir = join(root, 'run');
    const summary = await runJson<Summary>(['demo', '--dir', dir], root);
    expect(summary.integrity.ok).toBe(true);
    expect(summary.rows).toMatchObject({
      videos: 1,
      scenes: 3,
      annotations: 6,
      detections: 100_000,
      timelines: 2,
      processing_jobs: 1,
      models: 1,
    });
    expect(summary.files.videos?.files).toBe(1);
    expect(summary.files.frames?.files).toBe(6);
    expect(summary.files.output?.files).toBe(1);
    expect(summary.files.models?.files).toBe(1);

    const check = await runCli(['--json', '--config', join(dir, CONFIG_FILE), 'check'], root);
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ ok: true, issues: [] });

    const video = await runJson<{ duration: number; frameRate: number; codec: string }>(
      ['--config', join(dir, CONFIG_FILE), 'show', 'video', summary.videoId],
      root,
    );
    expect(video).toMatchObject({ duration: 5, frameRate: 25, codec: 'h264' });
    const timelines = await runJson<{ items: { status: string; version: number }[] }>(
      ['--config', join(dir, CONFIG_FILE), 'list', 'timelines', '--video', summary.videoId],
      root,
    );
    expect(timelines.items).toEqual([expect.objectContaining({ version: 2, status: 'processed' })]);
    const jobs = await runJson<{ items: { status: string; progress: number }[] }>(
      ['--config', join(dir, CONFIG_FILE), 'list', 'jobs', '--status', 'completed'],
      root,
    );
    expect(jobs.items).toEqual([expect.objectContaining({ status: 'completed', progress: 100 })]);

    // A second run starts over in the same folder (the demo's marker allows it) and gives the same counts.
    const again = await runJson<Summary>(['demo', '--dir', dir, '--detections', '1000'], root);
    expect(again.videoId).not.toBe(summary.videoId);
    expect(again.rows).toMatchObject({ videos: 1, detections: 1000 });
    expect(again.integrity.ok).toBe(true);
  });

  it('refuses a non-empty folder it did not make, touching nothing', async () => {
    const dir = join(root, 'precious');
    await mkdir(dir);
    await writeFile(join(dir, 'thesis.txt'), 'years of work');
    const run = await runCli(['demo', '--dir', dir], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: VALIDATION: .*precious is not empty and was not made by the demo/);
    expect(await tree(dir)).toEqual({ 'thesis.txt': 13 });
  });
});
