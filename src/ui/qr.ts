import { create } from 'qrcode';
import type { QrReader } from '../workers/qrClient';

/**
 * QR codes on the page: drawing one (`qrcode`) and turning a picture into pixels for the QR worker
 * (workers/qrClient.ts, `jsqr` off the main thread). The camera and an image file go through the
 * same `picturePixels` and worker, so both read alike. The texts carried are made
 * in io/safetyQr.ts (no personal data); this module only turns them into squares and back.
 */

/** Modules of white around the code (the QR standard asks for 4). */
export const QR_QUIET_ZONE = 4;

/** A QR code as dark squares: `size` modules a side (quiet zone included) and one SVG path of the dark ones. */
export interface QrDrawing {
  size: number;
  path: string;
}

/**
 * Draws `text` as a QR code (error correction M: a crease or a glare on a phone screen still reads).
 * Throws (Japanese) when the text is too long for one code — the callers split it into parts first.
 */
export function qrDrawing(text: string): QrDrawing {
  const modules = qrModules(text);
  const n = modules.size;
  const parts: string[] = [];
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && modules.get(row, col)) col++;
      parts.push(`M${start + QR_QUIET_ZONE} ${row + QR_QUIET_ZONE}h${col - start}v1h-${col - start}z`);
    }
  }
  return { size: n + 2 * QR_QUIET_ZONE, path: parts.join('') };
}

function qrModules(text: string) {
  try {
    return create(text, { errorCorrectionLevel: 'M' }).modules;
  } catch {
    throw new Error('QRコードにするには内容が長すぎます。');
  }
}

/** Longest side a picture is first searched at: phone photos are large, and a QR code is found as well and much faster scaled down. */
const FIRST_SIDE = 1200;
/** Longest side searched at all (a picture larger than this is always scaled down). */
const MAX_SIDE = 3000;

/** A 2D canvas of `width`×`height` (an OffscreenCanvas where the browser has one). */
function canvas2d(width: number, height: number): OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D {
  const context =
    typeof OffscreenCanvas === 'function'
      ? new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true })
      : Object.assign(document.createElement('canvas'), { width, height }).getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('この端末では画像を読み込めません（描画が使えません）。');
  return context;
}

/** RGBA pixels of a drawable (a video frame, a decoded image), scaled so its longest side is at most `side`, on white; null when it has no size yet. */
export function picturePixels(source: CanvasImageSource, width: number, height: number, side: number): { pixels: Uint8ClampedArray<ArrayBuffer>; width: number; height: number } | null {
  if (width <= 0 || height <= 0) return null;
  const scale = Math.min(1, side / Math.max(width, height));
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  const context = canvas2d(w, h);
  context.fillStyle = '#fff';
  context.fillRect(0, 0, w, h);
  context.drawImage(source, 0, 0, w, h);
  return { pixels: context.getImageData(0, 0, w, h).data, width: w, height: h };
}

/**
 * The QR code's text in an image file (a photo or a screenshot of one), or null when none is found,
 * searched by `reader` (the QR worker). Searched at a few sizes: jsqr misses some codes at one scale
 * and finds them at another (uneven module widths in a screenshot, a large photo). Throws (Japanese)
 * when the file is not an image.
 */
export async function readQrFromImage(file: Blob, reader: QrReader): Promise<string | null> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new Error('画像として開けませんでした（写真やスクリーンショットの画像ファイルを選んでください）。');
  }
  try {
    const { width, height } = bitmap;
    const longest = Math.max(width, height);
    const first = Math.min(longest, FIRST_SIDE);
    const sides = [...new Set([first, Math.round(first / 2), Math.min(longest, MAX_SIDE)])];
    for (const side of sides) {
      const picture = picturePixels(bitmap, width, height, side);
      const text = picture && (await reader.find(picture.pixels, picture.width, picture.height));
      if (text) return text;
    }
    return null;
  } finally {
    bitmap.close();
  }
}
