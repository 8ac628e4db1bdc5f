// Image inputs for the frame cases. sharp is an optional peer of core: it is imported on first use, and a
// missing sharp fails those cases loudly (UNSUPPORTED naming the package) instead of breaking the import.
import { loadSharp } from '../../files/load-sharp.js';

/** The few sharp calls the cases make (typed here so core's types do not import the optional package). */
export type TestSharp = (
  input: Uint8Array,
  options?: { raw: { width: number; height: number; channels: 3 } },
) => {
  png(): { toBuffer(): Promise<Buffer> };
  metadata(): Promise<{ format?: string; width?: number; height?: number }>;
};

let loaded: Promise<TestSharp> | undefined;

/** The `sharp` function, imported once. */
export function testSharp(): Promise<TestSharp> {
  loaded ??= (loadSharp() as unknown as Promise<TestSharp>).catch((err: unknown) => {
    loaded = undefined;
    throw err;
  });
  return loaded;
}

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
export async function gradientPng(width: number, height: number): Promise<Buffer> {
  const sharp = await testSharp();
  return sharp(gradientRaw(width, height), { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

/** The format and size of an encoded image, read by sharp. */
export async function imageMetadata(
  bytes: Uint8Array,
): Promise<{ format?: string; width?: number; height?: number }> {
  return (await testSharp())(bytes).metadata();
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
