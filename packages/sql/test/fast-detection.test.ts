import { DetectionInputSchema, isFastValidDetection } from '@vpe-storage/core';
import { describe, expect, test } from 'vitest';

const base = {
  id: '0190a0b0-0000-7000-8000-000000000001',
  videoId: 'video-1',
  timestamp: 12.5,
  frameNumber: 375,
  detectorType: 'ocr',
  bbox: { x: -3, y: 4, width: 64, height: 32 },
  confidence: 0.75,
  needsReview: true,
  metadata: { text: 'sk-…', score: 1, ok: true, none: null },
};

type Variant = [string, unknown];

const field = (name: string, values: unknown[]): Variant[] =>
  values.map((v, i) => [`${name} #${i} (${typeof v})`, { ...base, [name]: v }]);
const without = (name: string): Variant => {
  const { [name as keyof typeof base]: _, ...rest } = base;
  return [`without ${name}`, rest];
};
const box = (b: unknown): Variant => [`bbox = ${JSON.stringify(b)}`, { ...base, bbox: b }];
class Klass {
  videoId = 'v';
}

// Every variant: what zod says is the truth; the fast check may say "ask zod" (false) but never "valid" wrongly.
const variants: Variant[] = [
  ['base', base],
  [
    'minimal',
    {
      videoId: 'v',
      timestamp: 0,
      frameNumber: 0,
      detectorType: 'x',
      bbox: { x: 0, y: 0, width: 1, height: 1 },
      confidence: 0,
    },
  ],
  ...['id', 'needsReview', 'metadata'].map(without),
  ...['videoId', 'timestamp', 'frameNumber', 'detectorType', 'bbox', 'confidence'].map(without),
  ...field('id', [
    '',
    'a',
    'x'.repeat(255),
    'x'.repeat(256),
    'a\u0000b',
    'tab\there',
    'del\u007f',
    '🎬 ünï',
    "'; DROP TABLE x; --",
    'lone \ud800 high',
    'lone \udc00 low',
    '\udc00\ud800 reversed pair',
    '\ud83c\udfac paired',
    5,
    null,
  ]),
  ...field('videoId', ['', 'v', 'x'.repeat(256), 'a\nb', 'v\u0000', 'v\ud800', 7, null, undefined]),
  ...field('timestamp', [
    0,
    -0,
    1e-9,
    1e12,
    -1e-9,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.MAX_VALUE,
    '1',
    null,
  ]),
  ...field('frameNumber', [
    0,
    1,
    2 ** 31 - 1,
    2 ** 31,
    2 ** 40,
    2 ** 53 - 1,
    2 ** 53,
    -1,
    1.5,
    Number.NaN,
    '3',
    null,
  ]),
  ...field('detectorType', [
    '',
    'a',
    'x'.repeat(1000),
    'x'.repeat(1001),
    'tab\tok',
    'o\u0000cr',
    'o\ud800cr',
    'o\udfffcr',
    '🎬',
    3,
    null,
  ]),
  ...field('confidence', [0, 1, 0.5, -0, 1.0000001, -0.1, Number.NaN, Number.POSITIVE_INFINITY, '0.5', null]),
  ...field('needsReview', [false, true, 0, 1, 'true', null]),
  ...field('metadata', [
    {},
    { a: 1.5, b: 'x', c: false, d: null },
    { nested: { a: 1 } },
    { list: [1, 2] },
    { nul: 'a\u0000b' },
    { lone: '\ud800' },
    { low: 'x\udc00' },
    { 'k\u0000': 1 },
    { '\udfff': 'x' },
    { emoji: '🎬', ok: 'ünï' },
    { nested: { deep: 'a\u0000' } },
    { nested: ['\ud800'] },
    { nan: Number.NaN },
    { inf: Number.POSITIVE_INFINITY },
    { date: new Date(0) },
    { undef: undefined },
    { fn: () => 1 },
    Object.assign(Object.create(null), { a: 1 }),
    [],
    'text',
    null,
  ]),
  box({ x: 0, y: 0, width: 1, height: 1 }),
  box({ x: -5, y: -5, width: 1, height: 1 }),
  box({ x: 2 ** 31 - 1, y: -(2 ** 31), width: 2 ** 31 - 1, height: 1 }),
  box({ x: 2 ** 31, y: 0, width: 1, height: 1 }),
  box({ x: 0, y: -(2 ** 31) - 1, width: 1, height: 1 }),
  box({ x: 2 ** 40, y: 0, width: 1, height: 1 }),
  box({ x: -(2 ** 40), y: 0, width: 1, height: 1 }),
  box({ x: 0, y: 0, width: 2 ** 31, height: 1 }),
  box({ x: 0, y: 0, width: 1, height: 2 ** 53 - 1 }),
  box({ x: 0, y: 0, width: 0, height: 1 }),
  box({ x: 0, y: 0, width: 1, height: -1 }),
  box({ x: 0.5, y: 0, width: 1, height: 1 }),
  box({ x: 0, y: 0, width: 1.5, height: 1 }),
  box({ x: 0, y: 0, width: 1 }),
  box({ x: 0, y: 0, width: 1, height: 1, extra: 'ignored' }),
  box({ x: '0', y: 0, width: 1, height: 1 }),
  box([0, 0, 1, 1]),
  box(null),
  ['extra top-level key', { ...base, surprise: 1 }],
  ['null', null],
  ['array', [base]],
  ['string', 'detection'],
  ['class instance', Object.assign(new Klass(), base)],
];

describe('isFastValidDetection agrees with DetectionInputSchema', () => {
  test.each(variants)('%s', (_name, input) => {
    const zod = DetectionInputSchema.safeParse(input).success;
    const fast = isFastValidDetection(input);
    // Never looser than zod.
    if (fast) expect(zod).toBe(true);
    // Only the shapes it hands to zod on purpose (nested or unusual objects) may differ.
    if (zod && !fast) {
      const deliberate =
        input instanceof Klass ||
        (typeof input === 'object' &&
          input !== null &&
          'metadata' in input &&
          typeof input.metadata === 'object' &&
          input.metadata !== null &&
          (Object.getPrototypeOf(input.metadata) !== Object.prototype ||
            Object.values(input.metadata).some((v) => typeof v === 'object' && v !== null)));
      expect(deliberate).toBe(true);
    }
  });

  test('the common detector output takes the fast path', () => {
    expect(isFastValidDetection(base)).toBe(true);
    expect(isFastValidDetection(variants[1]?.[1])).toBe(true);
  });
});

// Values SQL backends cannot store faithfully: both checks must refuse them (zod names the error).
const unstorable: Variant[] = [
  ['NUL in detectorType', { ...base, detectorType: 'o\u0000cr' }],
  ['lone surrogate in id', { ...base, id: 'id-\ud800' }],
  ['lone surrogate in videoId', { ...base, videoId: '\udc00' }],
  ['NUL in a metadata string', { ...base, metadata: { text: 'a\u0000' } }],
  ['lone surrogate in a metadata key', { ...base, metadata: { '\ud800': 1 } }],
  ['NUL in a nested metadata string', { ...base, metadata: { n: { m: ['\u0000'] } } }],
  ['frameNumber 2^31', { ...base, frameNumber: 2 ** 31 }],
  ['bbox x 2^40', { ...base, bbox: { ...base.bbox, x: 2 ** 40 } }],
  ['bbox y -2^31 - 1', { ...base, bbox: { ...base.bbox, y: -(2 ** 31) - 1 } }],
  ['bbox height 2^31', { ...base, bbox: { ...base.bbox, height: 2 ** 31 } }],
];

describe('values SQL cannot store are refused by both checks', () => {
  test.each(unstorable)('%s', (_name, input) => {
    expect(DetectionInputSchema.safeParse(input).success).toBe(false);
    expect(isFastValidDetection(input)).toBe(false);
  });
});
