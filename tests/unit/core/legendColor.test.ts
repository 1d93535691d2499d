import { describe, expect, it } from 'vitest';
import { DEPTH_LEGEND, HAZARD_TILE_LAYERS, type LegendEntry } from '../../../src/core/hazardTileLayers';
import { BLEND_TOLERANCE, COLOUR_TOLERANCE, MIN_READABLE_ALPHA, classifyPixel } from '../../../src/core/legendColor';
import type { TileOutcome } from '../../../src/core/hazardReading';

type Rgb = readonly [number, number, number];

const keyOf = (o: TileOutcome) => (o.state === 'inside' ? o.key : o.state);

/** A 50/50 mix of two colours, rounded as an 8-bit renderer would. */
const mix = (a: Rgb, b: Rgb, t = 0.5): Rgb => [Math.round(a[0] * (1 - t) + b[0] * t), Math.round(a[1] * (1 - t) + b[1] * t), Math.round(a[2] * (1 - t) + b[2] * t)];

/**
 * What a canvas gives back for a colour stored premultiplied at `alpha` (8 bits) and read
 * un-premultiplied: round(round(c · a / 255) · 255 / a).
 */
const throughCanvas = (c: Rgb, alpha: number): Rgb => {
  const channel = (v: number) => Math.min(255, Math.round((Math.round((v * alpha) / 255) * 255) / alpha));
  return [channel(c[0]), channel(c[1]), channel(c[2])];
};

describe('classifyPixel: every legend entry of every layer', () => {
  for (const layer of HAZARD_TILE_LAYERS) {
    for (const entry of layer.legend) {
      it(`${layer.id}: ${entry.label} (#${entry.rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}) → ${entry.key}`, () => {
        const o = classifyPixel(layer.legend, entry.rgb[0], entry.rgb[1], entry.rgb[2], 255);
        expect(o).toEqual({ state: 'inside', key: entry.key, label: entry.label, minDepthM: entry.minDepthM });
      });
    }
  }

  it('every legend’s colours are distinct (no two entries of one layer share a colour)', () => {
    for (const layer of HAZARD_TILE_LAYERS) expect(new Set(layer.legend.map((e) => e.rgb.join(','))).size).toBe(layer.legend.length);
  });
});

describe('classifyPixel: anti-aliased edges', () => {
  it('a legend colour at partial alpha (an edge pixel, through a canvas’s premultiplied rounding) is that class', () => {
    for (const layer of HAZARD_TILE_LAYERS) {
      for (const entry of layer.legend) {
        for (let alpha = 16; alpha <= 255; alpha++) {
          const [r, g, b] = throughCanvas(entry.rgb, alpha);
          expect(keyOf(classifyPixel(layer.legend, r, g, b, alpha)), `${entry.key} at alpha ${alpha}`).toBe(entry.key);
        }
      }
    }
  });

  it('the faintest rim (0 < alpha < 16) is unreadable, never outside nor a guessed class', () => {
    expect(MIN_READABLE_ALPHA).toBe(16);
    for (const layer of HAZARD_TILE_LAYERS) {
      for (const entry of layer.legend) {
        for (let alpha = 1; alpha < 16; alpha++) {
          const [r, g, b] = throughCanvas(entry.rgb, alpha);
          expect(classifyPixel(layer.legend, r, g, b, alpha)).toEqual({ state: 'unreadable', rgba: [r, g, b, alpha] });
        }
      }
    }
  });

  it('a 50/50 blend of two neighbouring depth colours lands in one of them', () => {
    for (let i = 0; i + 1 < DEPTH_LEGEND.length; i++) {
      const a = DEPTH_LEGEND[i], b = DEPTH_LEGEND[i + 1];
      const [r, g, bl] = mix(a.rgb, b.rgb);
      expect([a.key, b.key], `${a.label} + ${b.label}`).toContain(keyOf(classifyPixel(DEPTH_LEGEND, r, g, bl, 255)));
    }
  });

  it('a blend of any two classes of one layer, at any mix, is read as a class of that layer between them (never 判定できない)', () => {
    for (const layer of HAZARD_TILE_LAYERS) {
      const index = (key: string) => layer.legend.findIndex((e) => e.key === key);
      for (const a of layer.legend) {
        for (const b of layer.legend) {
          if (a === b) continue;
          for (const t of [0.25, 0.5, 0.75]) {
            const [r, g, bl] = mix(a.rgb, b.rgb, t);
            // Legends are ordered by depth / severity: a mix of 0.3m未満 and 0.5〜1.0m may be nearest 0.5m未満.
            const got = index(keyOf(classifyPixel(layer.legend, r, g, bl, 255)));
            const [lo, hi] = [index(a.key), index(b.key)].sort((x, y) => x - y);
            expect(got, `${layer.id} ${a.key}/${b.key} ${t}`).toBeGreaterThanOrEqual(lo);
            expect(got, `${layer.id} ${a.key}/${b.key} ${t}`).toBeLessThanOrEqual(hi);
          }
        }
      }
    }
  });

  it('a blend of the 土石流 warning and special zones (105 from each) is read, as the more severe class (the safe side at an edge)', () => {
    const legend = HAZARD_TILE_LAYERS.find((l) => l.id === 'debris_flow')?.legend ?? [];
    const [warning, special] = legend;
    // Near either colour (within the tolerance) the pixel is that colour's class…
    expect(keyOf(classifyPixel(legend, ...mix(warning.rgb, special.rgb, 0.1), 255))).toBe(warning.key);
    expect(keyOf(classifyPixel(legend, ...mix(warning.rgb, special.rgb, 0.9), 255))).toBe(special.key);
    // …in between, a blend of the two is read as 特別警戒区域, never as the milder class.
    for (const t of [0.4, 0.5, 0.6]) expect(keyOf(classifyPixel(legend, ...mix(warning.rgb, special.rgb, t), 255))).toBe(special.key);
  });

  it('a 50/50 blend of two neighbouring depth classes is read as the deeper one', () => {
    for (let i = 0; i + 1 < DEPTH_LEGEND.length; i++) {
      const a = DEPTH_LEGEND[i], b = DEPTH_LEGEND[i + 1];
      const [r, g, bl] = mix(a.rgb, b.rgb);
      const read = keyOf(classifyPixel(DEPTH_LEGEND, r, g, bl, 255));
      // Colours closer than twice the tolerance (the yellows and the lighter pinks, 16–34 apart):
      // their mix is within the tolerance of both and is read as the nearer; farther pairs as the deeper.
      const apart = Math.hypot(a.rgb[0] - b.rgb[0], a.rgb[1] - b.rgb[1], a.rgb[2] - b.rgb[2]);
      if (apart < 2 * COLOUR_TOLERANCE) expect([a.key, b.key]).toContain(read);
      else expect(read, `${a.label} + ${b.label}`).toBe(b.key);
    }
  });

  it('an exact tie goes to the later (deeper / more severe) class', () => {
    const legend: LegendEntry[] = [
      { key: 'a', rgb: [100, 100, 100], label: 'a', minDepthM: 0 },
      { key: 'b', rgb: [110, 100, 100], label: 'b', minDepthM: 3 },
    ];
    expect(keyOf(classifyPixel(legend, 105, 100, 100, 255))).toBe('b');
  });

  it('a colour just inside the tolerance is read; just beyond it (and off every blend line) is not', () => {
    const legend: LegendEntry[] = [{ key: 'only', rgb: [100, 100, 100], label: 'only', minDepthM: null }];
    expect(keyOf(classifyPixel(legend, 100 + COLOUR_TOLERANCE, 100, 100, 255))).toBe('only');
    expect(keyOf(classifyPixel(legend, 100 + COLOUR_TOLERANCE + 1, 100, 100, 255))).toBe('unreadable');
    expect(BLEND_TOLERANCE).toBeLessThan(COLOUR_TOLERANCE);
  });
});

describe('classifyPixel: not a legend colour → unreadable (never outside)', () => {
  const unknown: [string, Rgb][] = [
    ['blue', [0, 0, 255]],
    ['water blue of the pale basemap', [190, 210, 255]],
    ['white', [255, 255, 255]],
    ['black', [0, 0, 0]],
    ['green', [0, 160, 0]],
  ];
  // The pale basemap's greys (淡色地図: buildings, roads, ground), every grey from dark to near white.
  for (let v = 0x40; v <= 0xf8; v += 8) unknown.push([`grey #${v.toString(16).repeat(3)}`, [v, v, v]]);

  for (const layer of HAZARD_TILE_LAYERS) {
    it(`${layer.id}: ${unknown.length} colours not in the legend`, () => {
      for (const [name, rgb] of unknown) {
        const o = classifyPixel(layer.legend, rgb[0], rgb[1], rgb[2], 255);
        expect(o, name).toEqual({ state: 'unreadable', rgba: [rgb[0], rgb[1], rgb[2], 255] });
      }
    });
  }

  it('a semi-transparent unknown colour is unreadable too', () => {
    expect(classifyPixel(DEPTH_LEGEND, 0, 0, 255, 100).state).toBe('unreadable');
  });
});

describe('classifyPixel: transparent → outside', () => {
  it('alpha 0 is outside whatever its RGB', () => {
    for (const layer of HAZARD_TILE_LAYERS) {
      expect(classifyPixel(layer.legend, 0, 0, 0, 0)).toEqual({ state: 'outside' });
      expect(classifyPixel(layer.legend, 255, 255, 255, 0)).toEqual({ state: 'outside' });
      const [r, g, b] = layer.legend[0].rgb;
      expect(classifyPixel(layer.legend, r, g, b, 0)).toEqual({ state: 'outside' });
    }
  });
});
