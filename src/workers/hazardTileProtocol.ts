/**
 * Messages to the hazard-tile decoder (workers/hazardTileWorker.ts): a PNG tile's bytes and the
 * pixels to read in it; back, their RGBA (not premultiplied), 4 bytes per asked pixel in order.
 */
export interface HazardTileRequest {
  id: number;
  /** The PNG as fetched, moved to the worker (transferred, not copied). */
  png: ArrayBuffer;
  /** Pixel columns and rows to read, `[px0, py0, px1, py1, …]` (0–255 on a 256 px tile). */
  pixels: number[];
}

export type HazardTileResponse =
  | { id: number; type: 'pixels'; rgba: ArrayBuffer; width: number; height: number }
  | { id: number; type: 'failed'; message: string };
