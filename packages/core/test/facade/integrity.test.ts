import { afterEach, describe, expect, it } from 'vitest';
import type { VideoPrivacyStorage } from '../../src/facade/index.js';
import { MemoryStorage } from '../../src/memory/index.js';
import { fakeMp4, memoryFacade, rawFrame, VIDEO_META } from './helpers.js';

let facade: VideoPrivacyStorage | undefined;
afterEach(async () => {
  await facade?.close();
  facade = undefined;
});

async function populated() {
  facade = await memoryFacade();
  const video = await facade.videos.ingest(fakeMp4('0123456789'), VIDEO_META);
  const ann = await facade.annotations.save(
    { videoId: video.id, timestamp: 1, bbox: { x: 0, y: 0, width: 5, height: 5 }, label: 'face' },
    rawFrame(),
  );
  return { facade, video, ann };
}

const checks = (report: { issues: { check: string }[] }) => report.issues.map((i) => i.check).sort();

describe('facade checkIntegrity', () => {
  it('is clean after normal use', async () => {
    const { facade } = await populated();
    const report = await facade.checkIntegrity();
    expect(report).toMatchObject({ ok: true, issues: [] });
    expect(report.checked.references).toBe(2);
    expect(report.checked.bytesHashed).toBeGreaterThan(0);
  });

  it('finds a missing file', async () => {
    const { facade, ann } = await populated();
    await facade.files.delete(ann.imageKey as string);
    const report = await facade.checkIntegrity();
    expect(report.ok).toBe(false);
    expect(report.issues).toEqual([
      expect.objectContaining({ severity: 'error', check: 'MISSING_FILE', table: 'annotations', id: ann.id }),
    ]);
  });

  it('finds a video whose bytes no longer match its checksum (same size)', async () => {
    const { facade, video } = await populated();
    await facade.files.put(video.fileKey, fakeMp4('9876543210'));
    expect(checks(await facade.checkIntegrity())).toEqual(['CHECKSUM_MISMATCH']);
  });

  it('finds an orphaned file and cleanup removes it', async () => {
    const { facade } = await populated();
    await facade.files.put('annotations/frames/202601/01/frame_x_0000000000.png', Buffer.from('png'));
    expect(checks(await facade.checkIntegrity())).toEqual(['ORPHANED_FILE']);
    const removed = await facade.cleanup({ graceMs: 0 });
    expect(removed.framesRemoved).toBe(1);
    expect((await facade.checkIntegrity()).ok).toBe(true);
  });

  it('follows dedup pointers: content-addressed videos check clean, and their lost blob is a missing file', async () => {
    facade = await memoryFacade({ config: { files: { dedup: true } } });
    const a = await facade.videos.ingest(fakeMp4('same bytes'), VIDEO_META);
    const b = await facade.videos.ingest(fakeMp4('same bytes'), VIDEO_META);
    expect(a.fileKey).not.toBe(b.fileKey);
    expect(await facade.checkIntegrity()).toMatchObject({ ok: true, issues: [] });
    // Only the blob itself (the file manager may keep bookkeeping objects beside it).
    const blobs = (await facade.files.list({ prefix: 'blobs/' })).items.filter((e) =>
      /\/[0-9a-f]{64}$/.test(e.key),
    );
    expect(blobs).toHaveLength(1);
    await facade.files.delete(blobs[0]?.key as string);
    expect(checks(await facade.checkIntegrity())).toEqual(['MISSING_FILE', 'MISSING_FILE']);
  });

  it('finds a job naming a timeline version that does not exist', async () => {
    const storage = new MemoryStorage();
    // A backend without the cascade (or a restore that dropped a version) leaves such a job behind.
    const lossy = new Proxy(storage, {
      get: (t, p) =>
        p === 'timelines'
          ? new Proxy(t.timelines, {
              get: (tl, q) =>
                q === 'load'
                  ? async (id: string, v?: number) => (v === 1 ? null : tl.load(id, v))
                  : Reflect.get(tl, q),
            })
          : Reflect.get(t, p),
    });
    facade = await memoryFacade({ storage: lossy });
    const video = await facade.videos.ingest(fakeMp4(), VIDEO_META);
    const timeline = await facade.timelines.save({
      videoId: video.id,
      data: { videoDuration: 5, frameRate: 25, blurRegions: [] },
    });
    const job = await facade.jobs.create({ videoId: video.id, timelineId: timeline.id });
    const report = await facade.checkIntegrity();
    expect(report.issues).toEqual([
      expect.objectContaining({ check: 'DANGLING_REFERENCE', table: 'processing_jobs', id: job.id }),
    ]);
  });

  it('ok ignores issues lighter than warning (info), as documented', async () => {
    const storage = new MemoryStorage();
    const info = { severity: 'info', check: 'STATS', message: 'statistics are 3 days old' };
    const noisy = new Proxy(storage, {
      get: (t, p) =>
        p === 'checkIntegrity'
          ? async () => [info]
          : typeof Reflect.get(t, p) === 'function'
            ? Reflect.get(t, p).bind(t)
            : Reflect.get(t, p),
    });
    facade = await memoryFacade({ storage: noisy });
    await facade.videos.ingest(fakeMp4(), VIDEO_META);
    const report = await facade.checkIntegrity();
    expect(report).toMatchObject({ ok: true, issues: [info] });
    await facade.files.put('models/x/1.0/orphan.bin', Buffer.from('w'));
    expect(await facade.checkIntegrity()).toMatchObject({ ok: false });
  });
});
