/** core/basemapArea.ts: which 地理院タイル a district's saved map holds, and how big it is said to be. */
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { BASEMAP_BYTES_PER_TILE, BASEMAP_LEVELS, basemapAreaOf, basemapEstimate, basemapTiles, growBox, sizeLabel } from '../../../src/core/basemapArea';
import type { LngLat } from '../../../src/core/geo';
import { tileKey, tileOf, tileRangeCount, tileRangeCovering } from '../../../src/core/tileMath';

/** A small square district in 会津若松 (about 900 m × 1,100 m). */
const OUTLINE: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [139.92, 37.49],
      [139.93, 37.49],
      [139.93, 37.5],
      [139.92, 37.5],
      [139.92, 37.49],
    ],
  ],
};
const HOMES: LngLat[] = [
  [139.921, 37.492],
  [139.928, 37.497],
  [139.925, 37.4955],
];

describe('basemapAreaOf', () => {
  it('takes the drawn outline when there is one, else the homes, else nothing', () => {
    expect(basemapAreaOf(OUTLINE, HOMES)).toEqual({ box: [139.92, 37.49, 139.93, 37.5], from: 'outline' });
    expect(basemapAreaOf(null, HOMES)).toEqual({ box: [139.921, 37.492, 139.928, 37.497], from: 'people' });
    expect(basemapAreaOf(null, [])).toBeNull();
  });
});

describe('growBox', () => {
  it('adds the margin in metres on every side', () => {
    // By hand: 500 m / 110,574 m per degree of latitude = 0.0045219°;
    // at the middle latitude 37.495°, a degree of longitude is 111,320 × cos 37.495° = 88,321 m,
    // so 500 m = 0.0056612°.
    const [w, s, e, n] = growBox([139.92, 37.49, 139.93, 37.5], 500);
    expect(37.49 - s).toBeCloseTo(0.0045219, 6);
    expect(n - 37.5).toBeCloseTo(0.0045219, 6);
    expect(139.92 - w).toBeCloseTo(0.0056612, 6);
    expect(e - 139.93).toBeCloseTo(0.0056612, 6);
  });
});

describe('basemapTiles', () => {
  const area = basemapAreaOf(OUTLINE, HOMES)!;
  const tiles = basemapTiles(area);
  const keys = new Set(tiles.map(tileKey));

  it('saves at every level the whole rectangle of tiles covering the area and its margin, zoom by zoom', () => {
    let expected = 0;
    for (const level of BASEMAP_LEVELS) {
      for (const z of level.zooms) {
        const range = tileRangeCovering(growBox(area.box, level.marginM), z);
        expected += tileRangeCount(range);
        // Every tile of the rectangle is there: an area, not a pattern of homes.
        for (let x = range.x0; x <= range.x1; x++) for (let y = range.y0; y <= range.y1; y++) expect(keys.has(`${z}/${x}/${y}`), `${z}/${x}/${y}`).toBe(true);
        expect(tiles.filter((t) => t.z === z)).toHaveLength(tileRangeCount(range));
      }
    }
    expect(tiles).toHaveLength(expected);
    expect(keys.size).toBe(expected);
  });

  it('holds the tiles of every home at every zoom from 12 to 18, and the same tiles whoever lives there', () => {
    for (const home of HOMES) for (let z = 12; z <= 18; z++) expect(keys.has(tileKey(tileOf(home, z))), `${home} z${z}`).toBe(true);
    const moved = basemapTiles(basemapAreaOf(OUTLINE, [[139.9205, 37.4999]])!);
    expect(moved.map(tileKey)).toEqual(tiles.map(tileKey));
  });

  it('is a few hundred tiles for a district of about a square kilometre', () => {
    // z18 tiles here are 152.9 m × cos 37.5° ≈ 121 m wide: (~1,900 m / 121 m)² ≈ 260 of them.
    expect(tiles.filter((t) => t.z === 18).length).toBeGreaterThan(200);
    expect(tiles.length).toBeLessThan(1000);
  });
});

describe('basemapEstimate and sizeLabel', () => {
  it('counts each tile once at the stated bytes per tile', () => {
    const t = { z: 18, x: 1, y: 2 };
    expect(basemapEstimate([t, t, { z: 18, x: 2, y: 2 }])).toEqual({ count: 2, bytes: 2 * BASEMAP_BYTES_PER_TILE });
  });

  it('says sizes in KB and MB', () => {
    expect(sizeLabel(350_000)).toBe('350 KB');
    expect(sizeLabel(400)).toBe('1 KB');
    expect(sizeLabel(8_250_000)).toBe('8.3 MB');
    expect(sizeLabel(12_400_000)).toBe('12 MB');
  });
});
