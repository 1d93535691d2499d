/**
 * Decodes a PNG tile and reads some of its pixels, as the browser does it (no image package):
 * createImageBitmap with `premultiplyAlpha: 'none'` (an anti-aliased edge pixel keeps its legend
 * RGB instead of being darkened by its alpha) and `colorSpaceConversion: 'none'` (a PNG with a gAMA
 * or iCCP chunk keeps its bytes rather than being shifted away from the legend's numbers), drawn on
 * an OffscreenCanvas and read with getImageData. The canvas keeps premultiplied 8-bit values, so a
 * faint pixel's RGB comes back rounded: core/legendColor.ts says how much and what it does about it.
 * Runs in a worker or on a page (both have createImageBitmap and OffscreenCanvas).
 */
export async function decodeTilePixels(png: ArrayBuffer, pixels: readonly number[]): Promise<{ rgba: Uint8ClampedArray<ArrayBuffer>; width: number; height: number }> {
  const bitmap = await createImageBitmap(new Blob([png], { type: 'image/png' }), { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  try {
    const { width, height } = bitmap;
    const context = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
    if (!context) throw new Error('no 2d context');
    context.drawImage(bitmap, 0, 0);
    const data = context.getImageData(0, 0, width, height).data;
    const rgba = new Uint8ClampedArray((pixels.length / 2) * 4);
    for (let i = 0; i + 1 < pixels.length; i += 2) {
      const px = Math.max(0, Math.min(width - 1, pixels[i]));
      const py = Math.max(0, Math.min(height - 1, pixels[i + 1]));
      const at = (py * width + px) * 4;
      rgba.set(data.subarray(at, at + 4), i * 2);
    }
    return { rgba, width, height };
  } finally {
    bitmap.close();
  }
}
