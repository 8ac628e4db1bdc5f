import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { ReadAt } from '../src/media/boxes.js';
import { probeMp4, probeMp4File } from '../src/media/probe-mp4.js';
import { SAMPLE } from './run-cli.js';

const reader =
  (bytes: Buffer): ReadAt =>
  async (offset, length) =>
    bytes.subarray(offset, offset + length);

/** The top-level boxes of an MP4 as [type, bytes]. */
function topBoxes(bytes: Buffer): [string, Buffer][] {
  const out: [string, Buffer][] = [];
  for (let at = 0; at < bytes.length; ) {
    const size = bytes.readUInt32BE(at);
    out.push([bytes.toString('latin1', at + 4, at + 8), bytes.subarray(at, at + size)]);
    at += size;
  }
  return out;
}

describe('probeMp4', () => {
  it('reads duration, frame rate, size and codec of the sample from its boxes', async () => {
    expect(await probeMp4File(SAMPLE)).toEqual({
      duration: 5,
      frameRate: 25,
      width: 320,
      height: 240,
      codec: 'h264',
      brand: 'isom',
    });
  });

  it('finds the moov box after the media data too (files written without faststart)', async () => {
    const boxes = topBoxes(await readFile(SAMPLE));
    expect(boxes.map(([t]) => t)).toContain('moov');
    const moovLast = Buffer.concat(
      [...boxes.filter(([t]) => t !== 'moov'), ...boxes.filter(([t]) => t === 'moov')].map(([, b]) => b),
    );
    expect(topBoxes(moovLast).at(-1)?.[0]).toBe('moov');
    expect(await probeMp4(reader(moovLast), moovLast.length)).toMatchObject({
      duration: 5,
      frameRate: 25,
      width: 320,
      height: 240,
    });
  });

  it('refuses a file that is not an MP4', async () => {
    const text = Buffer.from('{"name": "definitely not a video"}');
    await expect(probeMp4(reader(text), text.length)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('does not start with an "ftyp" box'),
    });
  });

  it('refuses a truncated MP4 whose moov is missing', async () => {
    const boxes = topBoxes(await readFile(SAMPLE));
    const noMoov = Buffer.concat(boxes.filter(([t]) => t !== 'moov').map(([, b]) => b));
    await expect(probeMp4(reader(noMoov), noMoov.length)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('no "moov" box'),
    });
  });

  it('refuses a box that overruns the file', async () => {
    const bytes = Buffer.from(await readFile(SAMPLE));
    const cut = bytes.subarray(0, 2000); // the moov (faststart: right after ftyp) now runs past the end
    await expect(probeMp4(reader(cut), cut.length)).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
