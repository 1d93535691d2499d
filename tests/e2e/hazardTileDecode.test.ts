import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { DEPTH_LEGEND, HAZARD_TILE_LAYERS } from '../../src/core/hazardTileLayers';
import { classifyPixel, MIN_READABLE_ALPHA } from '../../src/core/legendColor';
import type { TileOutcome } from '../../src/core/hazardReading';
import type { HazardTileRequest, HazardTileResponse } from '../../src/workers/hazardTileProtocol';
import { hazardTilePng, type Rgba } from '../fixtures/hazardTilePng';
import { useBrowser } from './browser';

/*
 * The hazard-tile decoder (src/workers/hazardTileWorker.ts, bundled as it is) in real Chromium: PNG
 * fixtures in, the asked pixels' RGBA out, classified against the legends as the read does. The
 * whole read through the app (fetch, plan, store, screens) is tests/e2e/hazardTileRead.test.ts.
 */

const session = useBrowser();

/** The worker module bundled for a Blob-URL worker (the app's build does the same with Vite). */
async function workerSource(): Promise<string> {
  const out = await build({ entryPoints: ['src/workers/hazardTileWorker.ts'], bundle: true, write: false, format: 'iife', target: 'es2022', platform: 'browser', logLevel: 'silent' });
  return out.outputFiles[0].text;
}

/** Runs requests through the worker in a page and returns its responses (rgba as byte arrays). */
async function decodeInBrowser(requests: { png: Buffer; pixels: number[] }[]): Promise<({ type: 'pixels'; rgba: number[]; width: number; height: number } | { type: 'failed'; message: string })[]> {
  const { page } = await session.newPage();
  const source = await workerSource();
  return page.evaluate(
    async ({ source, requests }) => {
      const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
      const answers = new Map<number, HazardTileResponse>();
      const done = new Promise<void>((resolve) => {
        worker.onmessage = (e: MessageEvent<HazardTileResponse>) => {
          answers.set(e.data.id, e.data);
          if (answers.size === requests.length) resolve();
        };
      });
      requests.forEach((r, id) => {
        const png = Uint8Array.from(atob(r.png), (c) => c.charCodeAt(0)).buffer;
        const request: HazardTileRequest = { id, png, pixels: r.pixels };
        worker.postMessage(request, [png]);
      });
      await done;
      worker.terminate();
      return requests.map((_, id) => {
        const a = answers.get(id);
        if (!a) return { type: 'failed' as const, message: 'no answer' };
        return a.type === 'pixels' ? { type: 'pixels' as const, rgba: Array.from(new Uint8Array(a.rgba)), width: a.width, height: a.height } : { type: 'failed' as const, message: a.message };
      });
    },
    { source, requests: requests.map((r) => ({ png: r.png.toString('base64'), pixels: r.pixels })) },
  );
}

const keyOf = (o: TileOutcome) => (o.state === 'inside' ? o.key : o.state);

describe('hazard tile decoder in Chromium', () => {
  it('gives each asked pixel (column px, row py) of a tile, legend colours and transparency exact', async () => {
    // Columns: depth class by px / 32 (8 bands); rows below 128 transparent; a marker at (200, 10).
    const tile = (px: number, py: number): Rgba => {
      if (px === 200 && py === 10) return [1, 2, 3, 255];
      if (py >= 128) return [0, 0, 0, 0];
      const [r, g, b] = DEPTH_LEGEND[Math.floor(px / 32)].rgb;
      return [r, g, b, 255];
    };
    const asked = [[0, 0], [31, 127], [32, 0], [100, 60], [255, 0], [200, 10], [10, 200], [5, 128], [255, 255]];
    const [answer] = await decodeInBrowser([{ png: hazardTilePng(tile), pixels: asked.flat() }]);
    if (answer.type !== 'pixels') throw new Error(answer.message);
    expect([answer.width, answer.height]).toEqual([256, 256]);
    asked.forEach(([px, py], i) => expect(answer.rgba.slice(i * 4, i * 4 + 4), `(${px}, ${py})`).toEqual([...tile(px, py)]));
    const classes = asked.map((_, i) => keyOf(classifyPixel(DEPTH_LEGEND, answer.rgba[i * 4], answer.rgba[i * 4 + 1], answer.rgba[i * 4 + 2], answer.rgba[i * 4 + 3])));
    expect(classes).toEqual(['depth_0_03', 'depth_0_03', 'depth_0_05', 'depth_05_3', 'depth_20', 'unreadable', 'outside', 'outside', 'outside']);
  });

  it('reads an anti-aliased edge of every legend colour of every layer as its class (alpha ≥ 16), fainter as unreadable', async () => {
    const entries = HAZARD_TILE_LAYERS.flatMap((layer) => layer.legend.map((entry) => ({ layer, entry })));
    const alphas = [1, 4, 8, 15, 16, 24, 32, 64, 128, 200, 254, 255];
    // Row = legend entry, column = alpha.
    const tile = (px: number, py: number): Rgba => {
      const e = entries[py % entries.length].entry;
      return [e.rgb[0], e.rgb[1], e.rgb[2], alphas[px % alphas.length]];
    };
    const asked = entries.flatMap((_, row) => alphas.flatMap((_, col) => [col, row]));
    const [answer] = await decodeInBrowser([{ png: hazardTilePng(tile), pixels: asked }]);
    if (answer.type !== 'pixels') throw new Error(answer.message);
    entries.forEach(({ layer, entry }, row) =>
      alphas.forEach((alpha, col) => {
        const i = (row * alphas.length + col) * 4;
        const [r, g, b, a] = answer.rgba.slice(i, i + 4);
        expect(a).toBe(alpha);
        const got = keyOf(classifyPixel(layer.legend, r, g, b, a));
        expect(got, `${layer.id} ${entry.key} alpha ${alpha} → ${[r, g, b, a].join(',')}`).toBe(alpha >= MIN_READABLE_ALPHA ? entry.key : 'unreadable');
      }),
    );
  });

  it('answers a tile that is not a PNG with a Japanese message, and other tiles still', async () => {
    const answers = await decodeInBrowser([
      { png: Buffer.from('<html>メンテナンス中</html>'), pixels: [0, 0] },
      { png: hazardTilePng(() => [0, 0, 0, 0]), pixels: [3, 4] },
    ]);
    expect(answers[0].type).toBe('failed');
    if (answers[0].type === 'failed') expect(answers[0].message).toMatch(/^ハザードマップの画像を読めませんでした/);
    expect(answers[1]).toEqual({ type: 'pixels', rgba: [0, 0, 0, 0], width: 256, height: 256 });
  });
});
