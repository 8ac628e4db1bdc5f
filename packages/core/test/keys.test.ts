import { describe, expect, it } from 'vitest';
import { assertValidKey, isStorageError, keyProblem } from '../src/index.js';

describe('FileStore key validation', () => {
  const good = ['videos/202612/abc.mp4', 'a', 'ünïcödé/файл.bin', 'a.b/c..d/e', 'x/.hidden'];
  const bad = [
    '',
    '/etc/passwd',
    '../x',
    'a/../b',
    'a/./b',
    'a//b',
    'a/',
    'a\\b',
    'a\u0000b',
    'a\nb',
    '%2e%2e/x',
    'a/%2F/b',
    'C:/windows',
    'a\uff0fb',
    '\u2024\u2024/x',
    '\uff0e\uff0e/x',
    'x'.repeat(1025),
    `${'y'.repeat(256)}/z`,
  ];
  for (const key of good) it(`accepts ${JSON.stringify(key)}`, () => expect(keyProblem(key)).toBeNull());
  for (const key of bad) {
    it(`refuses ${JSON.stringify(key).slice(0, 40)}`, () => {
      expect(keyProblem(key)).not.toBeNull();
      try {
        assertValidKey(key);
        expect.unreachable();
      } catch (err) {
        expect(isStorageError(err, 'VALIDATION')).toBe(true);
      }
    });
  }
});
