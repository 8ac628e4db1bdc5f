import { open } from 'node:fs/promises';
import { StorageError } from '@vpe-storage/core';
import { type Box, child, listBoxes, payloadOf, type ReadAt, unreadableMp4 } from './boxes.js';

/** What the probe reads from an MP4's metadata boxes. */
export interface VideoProbe {
  /** Seconds (movie header). */
  duration: number;
  /** Frames per second of the video track (samples / track duration). */
  frameRate: number;
  width: number;
  height: number;
  /** Friendly codec name (`h264`, `hevc`, `av1` …) or the sample entry's four-character code. */
  codec: string;
  /** The brand of the `ftyp` box (`isom`, `qt  ` …). */
  brand: string;
}

const CODEC_NAMES: Record<string, string> = {
  avc1: 'h264',
  avc3: 'h264',
  hvc1: 'hevc',
  hev1: 'hevc',
  av01: 'av1',
  vp09: 'vp9',
  vp08: 'vp8',
  mp4v: 'mpeg4',
};

/** Reads duration, frame rate, size and codec of an MP4/MOV from its boxes (the media data is never read). */
export async function probeMp4(read: ReadAt, fileSize: number): Promise<VideoProbe> {
  // Checked before walking the boxes, so any other file gets this message rather than a box error.
  if ((await read(4, 4)).toString('latin1') !== 'ftyp')
    throw unreadableMp4('it does not start with an "ftyp" box');
  const top = await listBoxes(read, 0, fileSize);
  const ftyp = top[0] as Box;
  const brand = (await payloadOf(read, ftyp)).toString('latin1', 0, 4);
  const moov = top.find((b) => b.type === 'moov');
  if (!moov) throw unreadableMp4('no "moov" box (the file may be truncated)');

  const mvhd = await child(read, moov, 'mvhd');
  if (!mvhd) throw unreadableMp4('no movie header ("mvhd")');
  const movie = timing(await payloadOf(read, mvhd));

  for (const trak of (await listBoxes(read, moov.payload, moov.end)).filter((b) => b.type === 'trak')) {
    const video = await videoTrack(read, trak);
    if (!video) continue;
    const duration = movie.duration > 0 ? movie.duration : video.duration;
    if (!(duration > 0)) throw unreadableMp4('the duration is zero');
    return {
      duration,
      frameRate: video.frameRate,
      width: video.width,
      height: video.height,
      codec: video.codec,
      brand,
    };
  }
  throw new StorageError('VALIDATION', 'the MP4 file has no video track: pass a file with a video stream');
}

/** Probes a local file. */
export async function probeMp4File(path: string): Promise<VideoProbe> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const read: ReadAt = async (offset, length) => {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
      return buffer.subarray(0, bytesRead);
    };
    return await probeMp4(read, size);
  } finally {
    await handle.close();
  }
}

/** timescale and duration (in seconds) of an `mvhd` or `mdhd` payload (versions 0 and 1). */
function timing(p: Buffer): { timescale: number; duration: number } {
  const version = p.readUInt8(0);
  const timescale = version === 1 ? p.readUInt32BE(20) : p.readUInt32BE(12);
  const units = version === 1 ? Number(p.readBigUInt64BE(24)) : p.readUInt32BE(16);
  if (timescale === 0) throw unreadableMp4('a time scale of zero');
  return { timescale, duration: units / timescale };
}

async function path(read: ReadAt, from: Box, types: string[]): Promise<Box | null> {
  let box: Box | null = from;
  for (const type of types) {
    if (!box) return null;
    box = await child(read, box, type);
  }
  return box;
}

interface TrackInfo {
  duration: number;
  frameRate: number;
  width: number;
  height: number;
  codec: string;
}

/** The video facts of a `trak`, or null when it is not a video track. */
async function videoTrack(read: ReadAt, trak: Box): Promise<TrackInfo | null> {
  const hdlr = await path(read, trak, ['mdia', 'hdlr']);
  if (!hdlr || (await payloadOf(read, hdlr)).toString('latin1', 8, 12) !== 'vide') return null;
  const mdhd = await path(read, trak, ['mdia', 'mdhd']);
  const stbl = await path(read, trak, ['mdia', 'minf', 'stbl']);
  const stsd = stbl && (await child(read, stbl, 'stsd'));
  const stts = stbl && (await child(read, stbl, 'stts'));
  if (!mdhd || !stsd || !stts) throw unreadableMp4('a video track without mdhd/stsd/stts');
  const media = timing(await payloadOf(read, mdhd));

  // stsd: version/flags, entry count, then the first sample entry (a visual sample entry for video).
  const sd = await payloadOf(read, stsd);
  if (sd.length < 8 + 8 + 28) throw unreadableMp4('a truncated sample description');
  const fourcc = sd.toString('latin1', 12, 16);
  const codedWidth = sd.readUInt16BE(8 + 8 + 24);
  const codedHeight = sd.readUInt16BE(8 + 8 + 26);

  // tkhd: display size as 16.16 fixed point at the end (offset 76 in version 0, 88 in version 1).
  const tkhd = await child(read, trak, 'tkhd');
  let width = codedWidth;
  let height = codedHeight;
  if (tkhd) {
    const th = await payloadOf(read, tkhd);
    const at = th.readUInt8(0) === 1 ? 88 : 76;
    if (th.length >= at + 8 && th.readUInt32BE(at) > 0 && th.readUInt32BE(at + 4) > 0) {
      width = Math.round(th.readUInt32BE(at) / 65536);
      height = Math.round(th.readUInt32BE(at + 4) / 65536);
    }
  }

  // stts: (sample count, sample delta) runs; frames / track duration = frame rate.
  const ts = await payloadOf(read, stts);
  const entries = ts.readUInt32BE(4);
  let samples = 0;
  for (let i = 0; i < entries && 8 + i * 8 + 8 <= ts.length; i++) samples += ts.readUInt32BE(8 + i * 8);
  const frameRate = media.duration > 0 ? Math.round((samples / media.duration) * 1000) / 1000 : 0;
  if (!(frameRate > 0) || width <= 0 || height <= 0)
    throw unreadableMp4('a video track without frames or size');
  return { duration: media.duration, frameRate, width, height, codec: CODEC_NAMES[fourcc] ?? fourcc.trim() };
}
