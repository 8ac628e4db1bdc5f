import sharp from 'sharp';

/** A synthetic video frame (PNG) with the annotated box drawn on it, made with sharp. */
export async function demoFrame(
  width: number,
  height: number,
  box: { x: number; y: number; width: number; height: number },
  caption: string,
): Promise<Uint8Array> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" fill="none" stroke="#ff3b30" stroke-width="3"/>
  <text x="8" y="${height - 10}" font-family="sans-serif" font-size="14" fill="#ffffff">${caption}</text>
</svg>`;
  const png = await sharp({ create: { width, height, channels: 3, background: { r: 32, g: 48, b: 72 } } })
    .composite([{ input: Buffer.from(svg), top: 0, left: 0 }])
    .png()
    .toBuffer();
  return new Uint8Array(png);
}
