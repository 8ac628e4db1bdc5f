// Minimal valid-looking containers: real magic bytes and box/element structure, padded with payload bytes.

function box(type: string, payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + payload.length, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, payload]);
}

function payloadBytes(size: number, seed: number): Buffer {
  const out = Buffer.alloc(size);
  for (let i = 0; i < size; i++) out[i] = (i * 31 + seed) & 0xff;
  return out;
}

/** An ISO BMFF file: `ftyp` (major brand `isom` → mp4, `qt  ` → mov) then an `mdat` of `payload` bytes. */
export function isoBmff(brand: 'isom' | 'qt  ' | 'M4A ', payload = 20_000, seed = 1): Buffer {
  const compatible = brand === 'qt  ' ? ['qt  '] : [brand, 'iso2', 'mp41'];
  const ftyp = Buffer.alloc(8 + compatible.length * 4);
  ftyp.write(brand, 0, 'latin1');
  ftyp.writeUInt32BE(0x200, 4);
  for (const [i, b] of compatible.entries()) ftyp.write(b, 8 + i * 4, 'latin1');
  return Buffer.concat([box('ftyp', ftyp), box('mdat', payloadBytes(payload, seed))]);
}

function element(id: number[], data: Buffer): Buffer {
  if (data.length > 126) throw new Error('test helper: element too long');
  return Buffer.from([...id, 0x80 | data.length, ...data]);
}

/** An EBML header with DocType `webm` or `matroska`, then a Segment of unknown size. */
export function ebml(docType: 'webm' | 'matroska', payload = 20_000, seed = 2): Buffer {
  const children = Buffer.concat([
    element([0x42, 0x86], Buffer.from([1])),
    element([0x42, 0xf7], Buffer.from([1])),
    element([0x42, 0xf2], Buffer.from([4])),
    element([0x42, 0xf3], Buffer.from([8])),
    element([0x42, 0x82], Buffer.from(docType, 'latin1')),
    element([0x42, 0x87], Buffer.from([2])),
    element([0x42, 0x85], Buffer.from([2])),
  ]);
  const header = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x80 | children.length]), children]);
  const segment = Buffer.from([0x18, 0x53, 0x80, 0x67, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
  return Buffer.concat([header, segment, payloadBytes(payload, seed)]);
}

/** A RIFF `AVI ` file with an `hdrl` LIST and a `movi` LIST of `payload` bytes. */
export function avi(payload = 20_000, seed = 3): Buffer {
  const list = (type: string, body: Buffer) => {
    const head = Buffer.alloc(12);
    head.write('LIST', 0, 'latin1');
    head.writeUInt32LE(4 + body.length, 4);
    head.write(type, 8, 'latin1');
    return Buffer.concat([head, body]);
  };
  const avih = Buffer.concat([Buffer.from('avih', 'latin1'), Buffer.from([56, 0, 0, 0]), Buffer.alloc(56)]);
  const body = Buffer.concat([list('hdrl', avih), list('movi', payloadBytes(payload, seed))]);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(4 + body.length, 4);
  head.write('AVI ', 8, 'latin1');
  return Buffer.concat([head, body]);
}
