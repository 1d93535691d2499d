/** Messages to the QR worker (workers/qrWorker.ts): look for a QR code in RGBA pixels. */
export interface QrRequest {
  id: number;
  /** RGBA, `width` × `height`, moved to the worker (transferred, not copied). */
  pixels: ArrayBuffer;
  width: number;
  height: number;
  /** Also look for a light code on a dark ground (slower). */
  invert: boolean;
}

export type QrResponse = { id: number; type: 'found'; text: string | null } | { id: number; type: 'failed'; message: string };
