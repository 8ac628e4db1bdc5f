import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FileManager, StorageConfigSchema } from '../../index.js';
import { rejectsWithCode } from '../assert.js';
import { allKeys, chunked, type HarnessFactory, readKey, useContext } from './harness.js';
import { gradientPng } from './image-fixtures.js';
import { avi, ebml, isoBmff } from './media.js';
import { CorruptReadsStore } from './store-views.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const NOW = new Date('2026-12-04T23:30:00-03:00'); // 2026-12-05 02:30 UTC: the folder is UTC's month

/** storeVideo: container sniffing, size limit, verification. */
export function videoCases(factory: HarnessFactory): void {
  describe('storeVideo', () => {
    const ctx = useContext(factory);

    const containers = [
      { name: 'mp4 (ftyp isom)', bytes: isoBmff('isom'), container: 'mp4', mime: 'video/mp4' },
      { name: 'mov (ftyp qt)', bytes: isoBmff('qt  '), container: 'mov', mime: 'video/quicktime' },
      { name: 'webm (EBML)', bytes: ebml('webm'), container: 'webm', mime: 'video/webm' },
      { name: 'mkv (EBML)', bytes: ebml('matroska'), container: 'mkv', mime: 'video/matroska' },
      { name: 'avi (RIFF AVI)', bytes: avi(), container: 'avi', mime: 'video/vnd.avi' },
    ];
    for (const c of containers) {
      it(`stores ${c.name} from a path, extension from the bytes, in the UTC month folder`, async () => {
        const fm = ctx.manager();
        const path = join(ctx.scratch, 'upload.bin'); // wrong extension on purpose
        await writeFile(path, c.bytes);
        const stored = await fm.storeVideo(path, { id: 'vid-1', now: NOW });
        expect(stored).toMatchObject({
          key: `videos/202612/vid-1.${c.container}`,
          container: c.container,
          mime: c.mime,
        });
        expect(stored.size).toBe(c.bytes.length);
        expect(stored.sha256).toBe(sha(c.bytes));
        expect((await readKey(fm, stored.key)).equals(c.bytes)).toBe(true);
        const info = await ctx.harness.store.head(stored.key);
        expect(info?.contentType).toBe(c.mime);
        if (ctx.harness.store.capabilities.userMetadata)
          expect(info?.metadata['vpe-filename']).toBe('upload.bin');
      });

      it(`stores ${c.name} from a stream of small chunks`, async () => {
        const fm = ctx.manager();
        const stored = await fm.storeVideo(Readable.from(chunked(c.bytes, 700)), {
          id: 'vid-2',
          filename: 'clip ü.x',
          now: NOW,
        });
        expect(stored.key).toBe(`videos/202612/vid-2.${c.container}`);
        expect(stored.sha256).toBe(sha(c.bytes));
        expect((await readKey(fm, stored.key)).equals(c.bytes)).toBe(true);
      });
    }

    it('stores a video given as bytes in memory, and takes its limits from a whole StorageConfig', async () => {
      const bytes = avi(3000);
      const stored = await ctx.manager().storeVideo(bytes, { id: 'mem', now: NOW });
      expect(stored).toMatchObject({ key: 'videos/202612/mem.avi', sha256: sha(bytes), size: bytes.length });
      const config = StorageConfigSchema.parse({
        files: { maxFileSize: 1000 },
        maintenance: { tempMaxAgeHours: 2 },
      });
      const limited = FileManager.fromConfig(ctx.harness.store, config);
      expect(limited.limits).toMatchObject({ maxFileSize: 1000, maxImageDimension: 1920, dedup: false });
      await rejectsWithCode(limited.storeVideo(bytes, { id: 'too-big' }), 'VALIDATION');
      expect(await allKeys(ctx.harness.store)).toEqual([stored.key]);
      await ctx.harness.store.put('temp/work', Buffer.alloc(10));
      const in3h = new Date(Date.now() + 3 * 3_600_000);
      expect((await ctx.manager().cleanup({ references: new Set<string>(), now: in3h })).tempRemoved).toBe(0);
      expect((await limited.cleanup({ references: new Set<string>(), now: in3h })).tempRemoved).toBe(1);
    });

    it('gives a new UUIDv7 id when none is passed', async () => {
      const stored = await ctx.manager().storeVideo(Readable.from([isoBmff('isom')]));
      expect(stored.key).toMatch(
        /^videos\/\d{6}\/[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}\.mp4$/,
      );
    });

    const refused = async () => ({
      png: await gradientPng(8, 8),
      text: Buffer.from('hello, this is not a video\n'.repeat(50)),
      m4a: isoBmff('M4A '),
      empty: Buffer.alloc(0),
    });
    for (const name of ['png', 'text', 'm4a', 'empty'] as const) {
      it(`refuses ${name} (path and stream) with VALIDATION and stores nothing`, async () => {
        const bytes = (await refused())[name];
        const fm = ctx.manager();
        const path = join(ctx.scratch, `x.mp4`);
        await writeFile(path, bytes);
        const e1 = await rejectsWithCode(fm.storeVideo(path, { id: 'v' }), 'VALIDATION');
        expect(e1.message).toMatch(/not a video container \(detected: /);
        if (name === 'png') expect(e1.message).toContain('png');
        await rejectsWithCode(fm.storeVideo(Readable.from([bytes]), { id: 'v' }), 'VALIDATION');
        expect(await allKeys(ctx.harness.store)).toEqual([]);
      });
    }

    it('refuses a non-video stream after reading only its first bytes', async () => {
      let pulled = 0;
      async function* endless() {
        for (let i = 0; i < 100_000; i++) {
          pulled += 1;
          yield Buffer.alloc(1024, 0x41);
        }
      }
      await rejectsWithCode(ctx.manager().storeVideo(endless(), { id: 'v' }), 'VALIDATION');
      expect(pulled).toBeLessThanOrEqual(5); // 4100 bytes of sniffing, not 100 MB
      expect(await allKeys(ctx.harness.store)).toEqual([]);
    });

    it('enforces maxFileSize on a path (stat first) and on a stream (as bytes flow), storing nothing', async () => {
      const fm = ctx.manager({ files: { maxFileSize: 10_000 } });
      const big = isoBmff('isom', 20_000);
      const path = join(ctx.scratch, 'big.mp4');
      await writeFile(path, big);
      const e = await rejectsWithCode(fm.storeVideo(path, { id: 'big' }), 'VALIDATION');
      expect(e.message).toContain('10000');
      await rejectsWithCode(fm.storeVideo(Readable.from(chunked(big)), { id: 'big' }), 'VALIDATION');
      await rejectsWithCode(
        ctx
          .manager({ files: { maxFileSize: 10_000, dedup: true } })
          .storeVideo(Readable.from(chunked(big)), { id: 'big' }),
        'VALIDATION',
      );
      expect(await allKeys(ctx.harness.store)).toEqual([]);
      const exact = isoBmff('isom', 10_000 - isoBmff('isom', 0).length);
      expect(exact.length).toBe(10_000);
      await expect(fm.storeVideo(Readable.from([exact]), { id: 'fits' })).resolves.toMatchObject({
        size: 10_000,
      });
    });

    it('refuses an id that exists (ALREADY_EXISTS) and keeps the first video', async () => {
      const fm = ctx.manager();
      const first = isoBmff('isom', 5000, 1);
      const { key } = await fm.storeVideo(Readable.from([first]), { id: 'same', now: NOW });
      await rejectsWithCode(
        fm.storeVideo(Readable.from([isoBmff('isom', 5000, 9)]), { id: 'same', now: NOW }),
        'ALREADY_EXISTS',
      );
      const path = join(ctx.scratch, 'again.mp4');
      await writeFile(path, isoBmff('isom', 5000, 9));
      await rejectsWithCode(fm.storeVideo(path, { id: 'same', now: NOW }), 'ALREADY_EXISTS');
      expect((await readKey(fm, key)).equals(first)).toBe(true);
    });

    it('refuses ids with separators and a missing source file', async () => {
      const fm = ctx.manager();
      for (const id of ['../x', 'a/b', 'a\\b', '', '..']) {
        await rejectsWithCode(fm.storeVideo(Readable.from([isoBmff('isom')]), { id }), 'VALIDATION', id);
      }
      await rejectsWithCode(fm.storeVideo(join(ctx.scratch, 'missing.mp4'), { id: 'm' }), 'NOT_FOUND');
      expect(await allKeys(ctx.harness.store)).toEqual([]);
    });

    it('proves the stored bytes of a stream by reading them back: corruption → INTEGRITY, copy removed', async () => {
      const corrupt = new CorruptReadsStore(ctx.harness.store);
      const fm = ctx.manager({}, corrupt);
      await rejectsWithCode(
        fm.storeVideo(Readable.from([isoBmff('isom')]), { id: 'c', now: NOW }),
        'INTEGRITY',
      );
      expect(await ctx.harness.store.exists('videos/202612/c.mp4')).toBe(false);
    });
  });
}
