import type { HazardTileRequest, HazardTileResponse } from './hazardTileProtocol';

/** The page's end of the hazard-tile decoder: `pixels` per tile, `close` when the read ends. */
export interface HazardTileDecoder {
  /**
   * The RGBA (not premultiplied, 4 bytes each, in order) of pixels `[px, py]` of the PNG `png`
   * (moved to the worker: unusable here afterwards), and the image's size in pixels (a tile of
   * another size than asked for cannot be read at those pixels). Rejects with a Japanese message.
   */
  pixels(png: ArrayBuffer, pixels: readonly (readonly [number, number])[]): Promise<DecodedPixels>;
  /** Ends the worker; a decode still running is answered with an error. */
  close(): void;
}

/** What the decoder gives for one tile: the asked pixels' RGBA and the image's width and height. */
export interface DecodedPixels {
  rgba: Uint8ClampedArray;
  width: number;
  height: number;
}

type Settle = (outcome: DecodedPixels | { error: string }) => void;

/**
 * Starts a decoder (workers/hazardTileWorker.ts): one worker per read, several tiles in flight at
 * once, each answered by its id. Decoding a hundred PNGs on the page's thread would stall it.
 */
export function startHazardTileDecoder(): HazardTileDecoder {
  const worker = new Worker(new URL('./hazardTileWorker.ts', import.meta.url), { type: 'module' });
  const pending = new Map<number, Settle>();
  let nextId = 1;
  let ended: string | null = null;
  const endAll = (message: string) => {
    ended ??= message;
    worker.terminate();
    const settles = [...pending.values()];
    pending.clear();
    settles.forEach((settle) => settle({ error: message }));
  };
  worker.onmessage = (e: MessageEvent<HazardTileResponse>) => {
    const m = e.data;
    const settle = pending.get(m.id);
    pending.delete(m.id);
    settle?.(m.type === 'pixels' ? { rgba: new Uint8ClampedArray(m.rgba), width: m.width, height: m.height } : { error: m.message });
  };
  worker.onerror = (e) => endAll(`ハザードマップの画像の読み取りが止まりました（${e.message}）。`);
  return {
    pixels(png, pixels) {
      if (ended !== null) return Promise.reject(new Error(ended));
      const id = nextId++;
      const request: HazardTileRequest = { id, png, pixels: pixels.flatMap(([px, py]) => [px, py]) };
      return new Promise((resolve, reject) => {
        pending.set(id, (outcome) => ('rgba' in outcome ? resolve(outcome) : reject(new Error(outcome.error))));
        worker.postMessage(request, [png]);
      });
    },
    close: () => endAll('ハザードマップの画像の読み取りを終えました。'),
  };
}
