import jsQR from 'jsqr';

/**
 * Finding a QR code in a picture: RGBA pixels (a camera frame, a decoded photo or screenshot) to
 * the code's text, with `jsqr`. No DOM: the page turns images into pixels (ui/qr.ts) and the QR
 * worker (workers/qrWorker.ts) runs this off the main thread — a search of a large picture takes
 * a second or more.
 */

/**
 * The text of the QR code in an RGBA picture, or null when none can be read. `invert`: also look
 * for a light code on a dark ground (slower; a photo of a phone in dark mode).
 */
export function findQrInPixels(pixels: Uint8ClampedArray, width: number, height: number, invert = true): string | null {
  const found = jsQR(pixels, width, height, { inversionAttempts: invert ? 'attemptBoth' : 'dontInvert' });
  return found && found.data !== '' ? found.data : null;
}
