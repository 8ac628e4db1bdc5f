import sharp from 'sharp';

/** Raw RGB pixels of a smooth diagonal gradient (compresses well as PNG). */
export function gradientRaw(width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      data[i] = Math.floor((x / width) * 255);
      data[i + 1] = Math.floor((y / height) * 255);
      data[i + 2] = 128;
    }
  }
  return data;
}

/** A PNG of a gradient, made by sharp. */
export function gradientPng(width: number, height: number): Promise<Buffer> {
  return sharp(gradientRaw(width, height), { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

/** Raw RGB noise (deterministic): incompressible, so its PNG is ~3 bytes a pixel. */
export function noiseRaw(width: number, height: number, seed = 7): Buffer {
  const data = Buffer.alloc(width * height * 3);
  let x = seed;
  for (let i = 0; i < data.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    data[i] = x & 0xff;
  }
  return data;
}
