import { describe, expect, it } from 'vitest';
import { tileBounds, tileKey, tileOf, tilePixelOf, tileRangeCount, tileRangeCovering, tilesCovering, tilesInRange, worldPixel } from '../../../src/core/tileMath';

/*
 * Hand-computed cases. At zoom z the world is W = 256 · 2^z px;
 *   X = (lng + 180) / 360 · W,  Y = (1 − ln(tan φ + sec φ) / π) / 2 · W,
 *   tile = (⌊X/256⌋, ⌊Y/256⌋), pixel = (⌊X⌋ mod 256, ⌊Y⌋ mod 256).
 *
 * 東京駅 [139.7671, 35.6812]:
 *   (139.7671 + 180) / 360 = 319.7671 / 360 = 0.888241944
 *   φ = 35.6812° = 0.622756 rad; tan φ = 0.718044, sec φ = 1.231090; ln(1.949134) = 0.667412
 *   0.667412 / π = 0.212444;  (1 − 0.212444) / 2 = 0.393778
 *   z = 17: W = 33,554,432 → X = 0.888241944 · W = 29,804,453.9 → tile x = 116,423 (116,423 · 256 =
 *     29,804,288), pixel 165;  Y = 0.393778 · W = 13,213,001.5 → tile y = 51,613 (51,613 · 256 =
 *     13,212,928), pixel 73.
 *   z = 10: W = 262,144 → X = 232,847.3 → tile 909 (232,704), pixel 143; Y = 103,226.6 → tile 403
 *     (103,168), pixel 58.
 * [135, 45] at z = 4: W = 4096; (135 + 180) / 360 = 0.875 → X = 3584.0 → tile 14, pixel 0;
 *   ln(tan 45° + sec 45°) = ln(1 + √2) = 0.881374, / π = 0.280550, (1 − 0.280550) / 2 = 0.359725
 *   → Y = 1473.43 → tile 5 (1280), pixel 193.
 * [0, 0] at z = 1: W = 512, X = Y = 256 → tile (1, 1), pixel (0, 0).
 */
describe('tile and pixel of a point', () => {
  it('東京駅 at zoom 17', () => {
    const w = worldPixel([139.7671, 35.6812], 17);
    expect(w.x).toBeCloseTo(29_804_453.9, 0);
    expect(w.y).toBeCloseTo(13_213_001.5, 0);
    expect(tilePixelOf([139.7671, 35.6812], 17)).toEqual({ tile: { z: 17, x: 116_423, y: 51_613 }, px: 165, py: 73 });
  });

  it('東京駅 at zoom 10', () => {
    expect(tilePixelOf([139.7671, 35.6812], 10)).toEqual({ tile: { z: 10, x: 909, y: 403 }, px: 143, py: 58 });
  });

  it('[135, 45] at zoom 4 and [0, 0] at zoom 1', () => {
    expect(tilePixelOf([135, 45], 4)).toEqual({ tile: { z: 4, x: 14, y: 5 }, px: 0, py: 193 });
    expect(tilePixelOf([0, 0], 1)).toEqual({ tile: { z: 1, x: 1, y: 1 }, px: 0, py: 0 });
  });

  it('each zoom halves the one above: the tile at z − 1 is ⌊x/2⌋, ⌊y/2⌋', () => {
    const p: [number, number] = [139.7671, 35.6812];
    for (let z = 2; z <= 17; z++) {
      const t = tileOf(p, z);
      const up = tileOf(p, z - 1);
      expect([up.x, up.y]).toEqual([Math.floor(t.x / 2), Math.floor(t.y / 2)]);
    }
  });

  it('the point lies inside its tile’s bounds, and the world edges clamp', () => {
    const p: [number, number] = [139.7671, 35.6812];
    const [w, s, e, n] = tileBounds(tileOf(p, 17));
    expect(p[0]).toBeGreaterThanOrEqual(w);
    expect(p[0]).toBeLessThan(e);
    expect(p[1]).toBeGreaterThan(s);
    expect(p[1]).toBeLessThanOrEqual(n);
    expect(tileOf([180, -89], 3)).toEqual({ z: 3, x: 7, y: 7 });
    expect(tileOf([-180, 89], 3)).toEqual({ z: 3, x: 0, y: 0 });
  });
});

describe('tiles covering a box', () => {
  it('is the whole rectangle between the corner tiles: (x1 − x0 + 1)(y1 − y0 + 1) tiles', () => {
    // About 1 km × 700 m around 東京駅 at z17 (a tile is ≈ 248 m across there).
    const box = [139.762, 35.678, 139.773, 35.684] as const;
    const range = tileRangeCovering(box, 17);
    expect(range).toEqual({ z: 17, x0: tileOf([139.762, 35.684], 17).x, y0: tileOf([139.762, 35.684], 17).y, x1: tileOf([139.773, 35.678], 17).x, y1: tileOf([139.773, 35.678], 17).y });
    const tiles = tilesCovering(box, 17);
    expect(tiles.length).toBe((range.x1 - range.x0 + 1) * (range.y1 - range.y0 + 1));
    expect(tiles.length).toBe(tileRangeCount(range));
    expect(new Set(tiles.map(tileKey)).size).toBe(tiles.length);
    for (let x = range.x0; x <= range.x1; x++) for (let y = range.y0; y <= range.y1; y++) expect(tiles).toContainEqual({ z: 17, x, y });
  });

  it('a single point is one tile; tilesInRange goes row by row', () => {
    expect(tilesCovering([139.7671, 35.6812, 139.7671, 35.6812], 17)).toEqual([{ z: 17, x: 116_423, y: 51_613 }]);
    expect(tilesInRange({ z: 5, x0: 1, y0: 2, x1: 2, y1: 3 })).toEqual([
      { z: 5, x: 1, y: 2 },
      { z: 5, x: 2, y: 2 },
      { z: 5, x: 1, y: 3 },
      { z: 5, x: 2, y: 3 },
    ]);
  });
});
