import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OBJECTS_DIR } from '@vpe-storage/fs-files';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, runCli, runJson, SAMPLE, tempDir } from './run-cli.js';

// One folder for the whole file: commands build on each other as a user's session would.
let dir: string;
let videoId: string;
beforeAll(async () => {
  dir = await tempDir();
});
afterAll(async () => removeDir(dir));

describe('vpe-storage commands (subprocess)', () => {
  it('init writes the config, creates the data folder and initializes the database; a rerun keeps the file', async () => {
    const first = await runJson<{ configWritten: boolean; schemaVersion: number; database: string }>(
      ['init'],
      dir,
    );
    expect(first.configWritten).toBe(true);
    expect(first.schemaVersion).toBeGreaterThan(0);
    expect(first.database).toBe(`sqlite:${join(dir, 'data/app.db')}`);
    const again = await runJson<{ configWritten: boolean }>(['init'], dir);
    expect(again.configWritten).toBe(false);
  });

  it('ingest reads the facts from the MP4, prints JSON only with --json', async () => {
    const run = await runCli(['--json', 'ingest', SAMPLE], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(''); // no progress lines with --json
    const video = JSON.parse(run.stdout);
    expect(video).toMatchObject({
      filename: 'sample.mp4',
      duration: 5,
      frameRate: 25,
      width: 320,
      height: 240,
      codec: 'h264',
    });
    expect(video.fileKey).toMatch(/^videos\/\d{6}\/.+\.mp4$/);
    expect(video.checksum).toMatch(/^[0-9a-f]{64}$/);
    videoId = video.id;
  });

  it('ingest without --json reports progress as plain lines when stderr is not a terminal', async () => {
    const run = await runCli(['ingest', SAMPLE, '--name', 'again.mp4'], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('ingest sample.mp4: 100%');
    expect(run.stderr).toMatch(/\/s\)/);
    expect(run.stdout).toContain('again.mp4');
  });

  it('annotate stores a frame image with the annotation; list and show find it', async () => {
    const image = join(dir, 'frame.png');
    await writeFile(
      image,
      await sharp({ create: { width: 32, height: 24, channels: 3, background: '#446688' } })
        .png()
        .toBuffer(),
    );
    const ann = await runJson<{ id: string; imageKey: string; frameNumber: number }>(
      ['annotate', videoId, '--time', '1.2', '--bbox', '4,4,16,8', '--label', 'face', '--image', image],
      dir,
    );
    expect(ann.imageKey).toMatch(/^annotations\/frames\/.+\.png$/);
    expect(ann.frameNumber).toBe(30);
    const list = await runJson<{ items: { id: string }[] }>(['list', 'annotations', '--video', videoId], dir);
    expect(list.items.map((a) => a.id)).toEqual([ann.id]);
    const shown = await runJson<{ id: string; label: string }>(['show', 'annotation', ann.id], dir);
    expect(shown).toMatchObject({ id: ann.id, label: 'face' });
  });

  it('list and show cover every entity', async () => {
    const videos = await runJson<{ items: { id: string }[]; nextCursor: string | null }>(
      ['list', 'videos'],
      dir,
    );
    expect(videos.items).toHaveLength(2);
    const page = await runJson<{ items: unknown[]; nextCursor: string | null }>(
      ['list', 'videos', '--limit', '1'],
      dir,
    );
    expect(page.items).toHaveLength(1);
    expect(page.nextCursor).not.toBeNull();
    for (const entity of ['scenes', 'detections', 'timelines']) {
      expect(await runJson(['list', entity, '--video', videoId], dir)).toEqual({
        items: [],
        nextCursor: null,
      });
    }
    expect(await runJson(['list', 'jobs'], dir)).toEqual({ items: [], nextCursor: null });
    expect(await runJson(['list', 'models'], dir)).toEqual({ items: [], nextCursor: null });
    expect(await runJson(['show', 'video', videoId], dir)).toMatchObject({ id: videoId });
  });

  it('status counts rows and files; check is clean; vacuum, cleanup and migrate run', async () => {
    const status = await runJson<{ rows: Record<string, number>; files: Record<string, { files: number }> }>(
      ['status'],
      dir,
    );
    expect(status.rows.videos).toBe(2);
    expect(status.rows.annotations).toBe(1);
    expect(status.files.videos?.files).toBe(2);
    expect(status.files.frames?.files).toBe(1);
    const check = await runCli(['--json', 'check'], dir);
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ ok: true, issues: [] });
    expect(await runJson(['vacuum'], dir)).toMatchObject({ vacuumed: true });
    expect(await runJson(['cleanup'], dir)).toMatchObject({ framesRemoved: 0, modelsRemoved: 0 });
    const migrated = await runJson<{ from: number; to: number }>(['migrate'], dir);
    expect(migrated.from).toBe(migrated.to);
  });

  it('check exits non-zero when a video file was altered on disk', async () => {
    const status = await runJson<{ items: { fileKey: string }[] }>(['list', 'videos'], dir);
    const key = status.items[1]?.fileKey as string;
    await writeFile(join(dir, 'data', OBJECTS_DIR, key), 'tampered');
    const run = await runCli(['--json', 'check'], dir);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.ok).toBe(false);
    expect(report.issues.map((i: { check: string }) => i.check)).toContain('CHECKSUM_MISMATCH');
  });
});
