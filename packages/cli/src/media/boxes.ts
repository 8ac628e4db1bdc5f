import { StorageError } from '@vpe-storage/core';

// ISO BMFF (MP4/MOV) boxes: a 32-bit size and a four-character type, a 64-bit size when size == 1,
// "to the end" when size == 0. Only what the probe needs: headers, children, and a bounded read.

/** Reads `length` bytes at `offset` (fewer at the end of the source). */
export type ReadAt = (offset: number, length: number) => Promise<Buffer>;

/** One box: its type and where its payload lies in the source. */
export interface Box {
  type: string;
  /** Offset of the box header. */
  start: number;
  /** Offset of the payload (after the header). */
  payload: number;
  /** Offset just past the box. */
  end: number;
}

function corrupt(what: string): StorageError {
  return new StorageError(
    'VALIDATION',
    `not a readable MP4/MOV file: ${what}; pass an ISO MP4 (H.264/H.265/AV1) file`,
  );
}

/** The boxes in [start, end) of the source, in order, without reading their payloads. */
export async function listBoxes(read: ReadAt, start: number, end: number): Promise<Box[]> {
  const boxes: Box[] = [];
  let offset = start;
  while (offset + 8 <= end) {
    const header = await read(offset, 16);
    if (header.length < 8) break;
    let size = header.readUInt32BE(0);
    const type = header.toString('latin1', 4, 8);
    let payload = offset + 8;
    if (size === 1) {
      if (header.length < 16) throw corrupt(`truncated 64-bit size of box "${type}"`);
      size = Number(header.readBigUInt64BE(8));
      payload = offset + 16;
    } else if (size === 0) {
      size = end - offset;
    }
    if (size < payload - offset || offset + size > end)
      throw corrupt(`box "${type}" at ${offset} overruns its container`);
    boxes.push({ type, start: offset, payload, end: offset + size });
    offset += size;
  }
  return boxes;
}

/** The first child of `parent` with `type`, or null. */
export async function child(read: ReadAt, parent: Box, type: string): Promise<Box | null> {
  return (await listBoxes(read, parent.payload, parent.end)).find((b) => b.type === type) ?? null;
}

/** The payload of a box, refusing absurd sizes (metadata boxes are small; a huge one means a corrupt file). */
export async function payloadOf(read: ReadAt, box: Box, limit = 16 * 1024 * 1024): Promise<Buffer> {
  const length = box.end - box.payload;
  if (length > limit) throw corrupt(`box "${box.type}" claims ${length} bytes`);
  const bytes = await read(box.payload, length);
  if (bytes.length < length) throw corrupt(`box "${box.type}" is truncated`);
  return bytes;
}

/** A `VALIDATION` error for a file the probe cannot read. */
export { corrupt as unreadableMp4 };
