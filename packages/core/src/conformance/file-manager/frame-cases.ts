import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rejectsWithCode } from '../assert.js';
import { allKeys, type HarnessFactory, readKey, useContext } from './harness.js';
import { gradientPng, gradientRaw, imageMetadata, noiseRaw } from './image-fixtures.js';

const NOW = new Date('2026-12-04T10:00:00Z');

/** storeFrameImage: resize, PNG level 6, JPEG fallback, validation. */
export function frameCases(factory: HarnessFactory): void {
  describe('storeFrameImage', () => {
    const ctx = useContext(factory);

    it('resizes a 4000×3000 PNG to 1920×1440 and stores a PNG under the dated frame key', async () => {
      const fm = ctx.manager();
      const stored = await fm.storeFrameImage(await gradientPng(4000, 3000), {
        annotationId: 'ann-1',
        timestampMs: 12_345.9,
        now: NOW,
      });
      expect(stored).toMatchObject({
        key: 'annotations/frames/202612/04/frame_ann-1_0000012345.png',
        width: 1920,
        height: 1440,
        format: 'png',
      });
      const bytes = await readKey(fm, stored.key);
      expect(bytes.length).toBe(stored.size);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(stored.sha256);
      const meta = await imageMetadata(bytes);
      expect([meta.format, meta.width, meta.height]).toEqual(['png', 1920, 1440]);
      expect((await ctx.harness.store.head(stored.key))?.contentType).toBe('image/png');
    });

    it('keeps the aspect of a portrait frame and never enlarges a small one', async () => {
      const fm = ctx.manager();
      const tall = await fm.storeFrameImage(await gradientPng(1000, 3000), {
        annotationId: 'a',
        timestampMs: 1,
        now: NOW,
      });
      expect([tall.width, tall.height]).toEqual([640, 1920]);
      const small = await fm.storeFrameImage(await gradientPng(320, 200), {
        annotationId: 'a',
        timestampMs: 2,
        now: NOW,
      });
      expect([small.width, small.height]).toEqual([320, 200]);
      expect((await imageMetadata(await readKey(fm, small.key))).width).toBe(320);
    });

    it('accepts raw pixels ({ data, width, height, channels })', async () => {
      const fm = ctx.manager({ files: { maxImageDimension: 100 } });
      const stored = await fm.storeFrameImage(
        { data: gradientRaw(400, 200), width: 400, height: 200, channels: 3 },
        { annotationId: 'raw', timestampMs: 0, now: NOW },
      );
      expect(stored).toMatchObject({
        key: 'annotations/frames/202612/04/frame_raw_0000000000.png',
        width: 100,
        height: 50,
      });
    });

    it('falls back to JPEG quality 85 (.jpg) when the PNG is over maxImageBytes', async () => {
      const fm = ctx.manager();
      const noise = { data: noiseRaw(1200, 900), width: 1200, height: 900, channels: 3 as const };
      const stored = await fm.storeFrameImage(noise, { annotationId: 'noisy', timestampMs: 99, now: NOW });
      expect(stored.key).toBe('annotations/frames/202612/04/frame_noisy_0000000099.jpg');
      expect(stored.format).toBe('jpeg');
      const bytes = await readKey(fm, stored.key);
      expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
      expect((await imageMetadata(bytes)).format).toBe('jpeg');
      // The same frame with a higher limit stays PNG: the switch depends on the PNG's size.
      const png = await ctx.manager({ files: { maxImageBytes: 8 * 1024 * 1024 } }).storeFrameImage(noise, {
        annotationId: 'noisy',
        timestampMs: 100,
        now: NOW,
      });
      expect(png.format).toBe('png');
      expect(png.size).toBeGreaterThan(2 * 1024 * 1024);
    });

    it('refuses undecodable bytes, inconsistent raw pixels and bad ids with VALIDATION, storing nothing', async () => {
      const fm = ctx.manager();
      await rejectsWithCode(
        fm.storeFrameImage(Buffer.from('not an image'), { annotationId: 'a', timestampMs: 0 }),
        'VALIDATION',
      );
      await rejectsWithCode(
        fm.storeFrameImage(
          { data: Buffer.alloc(10), width: 4, height: 4, channels: 3 },
          { annotationId: 'a', timestampMs: 0 },
        ),
        'VALIDATION',
      );
      const png = await gradientPng(10, 10);
      await rejectsWithCode(fm.storeFrameImage(png, { annotationId: 'a/b', timestampMs: 0 }), 'VALIDATION');
      await rejectsWithCode(fm.storeFrameImage(png, { annotationId: 'a', timestampMs: -1 }), 'VALIDATION');
      expect(await allKeys(ctx.harness.store)).toEqual([]);
    });

    it('throws UNSUPPORTED naming sharp when sharp is not installed', async () => {
      const missing = Object.assign(new Error("Cannot find package 'sharp'"), {
        code: 'ERR_MODULE_NOT_FOUND',
      });
      const fm = ctx.manager({ importSharp: () => Promise.reject(missing) });
      const err = await rejectsWithCode(
        fm.storeFrameImage(await gradientPng(10, 10), { annotationId: 'a', timestampMs: 0 }),
        'UNSUPPORTED',
      );
      expect(err.message).toContain('sharp');
      expect(await allKeys(ctx.harness.store)).toEqual([]);
    });
  });
}
