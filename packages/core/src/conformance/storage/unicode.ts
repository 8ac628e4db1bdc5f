import assert from 'node:assert/strict';
import type { StorageCase } from '../types.js';
import {
  annotationInput,
  detectionInput,
  modelInput,
  nsId,
  sceneInput,
  seedVideo,
  timelineInput,
  videoInput,
} from './builders.js';
import { ids } from './checks.js';

/** Text that breaks naive encoders: emoji (astral, ZWJ), CJK, RTL, combining marks, both normal forms. */
const TEXTS = {
  emoji: '🎬🔒👩‍💻🏳️‍🌈',
  cjk: '视频隐私编辑器・ビデオ・비디오',
  rtl: 'مرحبا بالعالم שלום',
  combining: 'e\u0301 Å A\u030a ñ n\u0303',
  mixed: 'Ωmega – “quotes” ‘single’ … \u00a0nbsp',
};

/** Strings that must be stored verbatim, never interpreted. */
const INJECTIONS = [
  "'; DROP TABLE videos; --",
  '" OR 1=1 --',
  "Robert'); DELETE FROM detections WHERE ('1'='1",
  '%',
  '_',
  '\\',
  '$1',
  '{"$gt": ""}',
  '*/ SELECT * FROM /*',
];

/** Cases of unicode and hostile text round trips, and of exact numbers. */
export const unicodeCases: StorageCase[] = [
  {
    name: 'unicode: ids with emoji, CJK, RTL and combining characters round-trip and are distinct',
    async run(ctx) {
      const made = [];
      for (const [k, text] of Object.entries(TEXTS)) {
        made.push(await ctx.storage.videos.create(videoInput(ctx, k, { id: `${ctx.ns}-${text}` })));
      }
      // Precomposed and decomposed forms are different ids: nothing may normalize them.
      await ctx.storage.videos.create(videoInput(ctx, 'nfc', { id: `${ctx.ns}-\u00e9` }));
      await ctx.storage.videos.create(videoInput(ctx, 'nfd', { id: `${ctx.ns}-e\u0301` }));
      for (const v of made) assert.deepEqual(await ctx.storage.videos.get(v.id), v);
      assert.equal((await ctx.storage.videos.get(`${ctx.ns}-\u00e9`))?.filename, 'nfc.mp4');
      assert.equal((await ctx.storage.videos.get(`${ctx.ns}-e\u0301`))?.filename, 'nfd.mp4');
      assert.equal((await ctx.storage.videos.list()).items.length, made.length + 2);
    },
  },
  {
    name: 'unicode: labels, names and metadata round-trip exactly and filter exactly',
    async run(ctx) {
      const v = await seedVideo(ctx, 'v', {
        filename: `${TEXTS.cjk}.mp4`,
        metadata: { ...TEXTS, [TEXTS.emoji]: TEXTS.rtl },
      });
      assert.deepEqual((await ctx.storage.videos.get(v.id))?.metadata, {
        ...TEXTS,
        [TEXTS.emoji]: TEXTS.rtl,
      });
      assert.equal((await ctx.storage.videos.get(v.id))?.filename, `${TEXTS.cjk}.mp4`);
      for (const [k, label] of Object.entries(TEXTS)) {
        await ctx.storage.annotations.save(
          annotationInput(ctx, v.id, `a-${k}`, 1, { label, annotatedBy: label }),
        );
      }
      for (const [k, label] of Object.entries(TEXTS)) {
        const hit = (await ctx.storage.annotations.listForVideo(v.id, { label })).items;
        assert.deepEqual(ids(hit), [nsId(ctx, `a-${k}`)], k);
        assert.equal(hit[0]?.label, label);
        assert.equal(hit[0]?.annotatedBy, label);
      }
      const s = await ctx.storage.scenes.create(
        sceneInput(ctx, v.id, 's', 0, 1, { description: TEXTS.combining }),
      );
      assert.equal((await ctx.storage.scenes.get(s.id))?.description, TEXTS.combining);
      const t = await ctx.storage.timelines.save(
        timelineInput(ctx, v.id, 't', { name: TEXTS.rtl, createdBy: TEXTS.emoji }),
      );
      assert.equal((await ctx.storage.timelines.load(t.id))?.name, TEXTS.rtl);
      await ctx.storage.detections.insertMany([
        detectionInput(ctx, v.id, 'd', 1, { detectorType: TEXTS.cjk }),
      ]);
      assert.equal(
        (await ctx.storage.detections.inRange(v.id, 0, 2, { detectorType: TEXTS.cjk })).items.length,
        1,
      );
    },
  },
  {
    name: 'unicode: SQL-injection-looking strings are stored verbatim and match only themselves',
    async run(ctx) {
      const v = await seedVideo(ctx, 'v', {
        filename: INJECTIONS[0] as string,
        metadata: { [INJECTIONS[1] as string]: INJECTIONS[2] as string },
      });
      for (const [i, label] of INJECTIONS.entries()) {
        await ctx.storage.annotations.save(annotationInput(ctx, v.id, `a${i}`, i, { label }));
      }
      await ctx.storage.annotations.save(annotationInput(ctx, v.id, 'plain', 99, { label: 'plain' }));
      for (const [i, label] of INJECTIONS.entries()) {
        const hit = (await ctx.storage.annotations.listForVideo(v.id, { label })).items;
        assert.deepEqual(
          ids(hit),
          [nsId(ctx, `a${i}`)],
          `label ${label} matches only itself (no LIKE, no escaping)`,
        );
      }
      const injectedId = `${ctx.ns}-' OR '1'='1`;
      await ctx.storage.models.register(
        modelInput(ctx, 'm', { id: injectedId, name: INJECTIONS[3] as string }),
      );
      assert.equal((await ctx.storage.models.get(injectedId))?.name, '%');
      assert.equal(await ctx.storage.models.get(`${ctx.ns}-%`), null);
      assert.equal((await ctx.storage.videos.get(v.id))?.filename, INJECTIONS[0]);
      assert.deepEqual((await ctx.storage.videos.get(v.id))?.metadata, {
        [INJECTIONS[1] as string]: INJECTIONS[2],
      });
      assert.equal((await ctx.storage.videos.list()).items.length, 1);
    },
  },
  {
    name: 'unicode: file keys with non-ASCII characters round-trip and are found by getByFileKey',
    async run(ctx) {
      const fileKey = `videos/${ctx.ns}/${TEXTS.cjk}/${TEXTS.emoji} ${TEXTS.combining}.mp4`;
      const v = await seedVideo(ctx, 'v', { fileKey });
      assert.equal(v.fileKey, fileKey);
      assert.deepEqual(await ctx.storage.videos.getByFileKey(fileKey), v);
      assert.equal(
        await ctx.storage.videos.getByFileKey(fileKey.normalize('NFC')),
        fileKey === fileKey.normalize('NFC') ? v : null,
      );
    },
  },
  {
    name: 'unicode: floats round-trip exactly (0.1 + 0.2, 1e-9, large and long fractions)',
    async run(ctx) {
      const v = await seedVideo(ctx, 'v', {
        duration: 0.1 + 0.2,
        frameRate: 29.97002997002997,
        fileSize: 2 ** 53 - 1,
      });
      const got = await ctx.storage.videos.get(v.id);
      assert.equal(got?.duration, 0.30000000000000004);
      assert.equal(got?.frameRate, 29.97002997002997);
      assert.equal(got?.fileSize, Number.MAX_SAFE_INTEGER);
      const stamps = [0.1 + 0.2, 1e-9, 123456789.123456, 1e9 + 0.5, 1e-300, 86399.999];
      await ctx.storage.detections.insertMany(
        stamps.map((t, i) =>
          detectionInput(ctx, v.id, `d${i}`, t, { frameNumber: i, confidence: i === 1 ? 1e-9 : 1 - 1e-12 }),
        ),
      );
      for (const [i, t] of stamps.entries()) {
        const d = await ctx.storage.detections.get(nsId(ctx, `d${i}`));
        assert.equal(d?.timestamp, t, `timestamp ${t}`);
        assert.equal(d?.confidence, i === 1 ? 1e-9 : 1 - 1e-12);
      }
      const exact = (await ctx.storage.detections.inRange(v.id, 0.1 + 0.2, 0.1 + 0.2)).items;
      assert.deepEqual(ids(exact), [nsId(ctx, 'd0')], 'an exact float bound finds its item');
      assert.deepEqual(
        ids((await ctx.storage.detections.inRange(v.id, 0.3, 0.3)).items),
        [],
        '0.3 is not 0.1 + 0.2',
      );
    },
  },
  {
    name: 'unicode: JSON metadata of every shape round-trips (nesting, arrays, null, booleans, empty key)',
    async run(ctx) {
      const metadata = {
        '': 'empty key',
        nested: { a: { b: { c: { d: [1, [2, [3, { e: null }]]] } } } },
        list: [true, false, null, 0, -1.5, 'x', {}],
        big: 9007199254740991,
        tiny: 1e-300,
        neg: -123.456,
        text: 'line1\nline2\ttab "quoted" \\ backslash',
        [TEXTS.rtl]: TEXTS.emoji,
      };
      const v = await seedVideo(ctx, 'v', { metadata });
      assert.deepEqual((await ctx.storage.videos.get(v.id))?.metadata, metadata);
      await ctx.storage.annotations.save(annotationInput(ctx, v.id, 'a', 1, { metadata }));
      assert.deepEqual((await ctx.storage.annotations.get(nsId(ctx, 'a')))?.metadata, metadata);
    },
  },
  {
    name: 'unicode: long text (1,000-character labels, 10,000-character descriptions) round-trips',
    async run(ctx) {
      const v = await seedVideo(ctx);
      const label = '界'.repeat(1000);
      const description = `${TEXTS.emoji}${'x'.repeat(9990)}`.slice(0, 10_000);
      await ctx.storage.annotations.save(annotationInput(ctx, v.id, 'a', 1, { label }));
      assert.equal((await ctx.storage.annotations.get(nsId(ctx, 'a')))?.label, label);
      const s = await ctx.storage.scenes.create(sceneInput(ctx, v.id, 's', 0, 1, { description }));
      assert.equal((await ctx.storage.scenes.get(s.id))?.description, description);
    },
  },
];
