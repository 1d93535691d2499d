import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { distanceMetres, type LngLat } from '../../../src/core/geo';
import { DEPTH_LEGEND, HAZARD_TILE_LAYERS, hazardTileUrl } from '../../../src/core/hazardTileLayers';
import { readingAnswer } from '../../../src/core/hazardReading';
import { distanceToBox, planHazardRead, readingsFromPixels, rectangleTileCount, SHELTER_READ_RADIUS_M, sheltersNearPeople, type TilePixels } from '../../../src/core/hazardReadPlan';
import { tileKey, tileOf, tilePixelOf, tileRangeCount } from '../../../src/core/tileMath';
import { crc32, hazardTilePng, solidTilePng } from '../../fixtures/hazardTilePng';

// Four homes spread over about 1.1 km × 0.7 km around 東京駅 (z17 tiles there are ≈ 248 m square).
const PEOPLE = [
  { id: 'p1', point: [139.7620, 35.6840] as LngLat },
  { id: 'p2', point: [139.7730, 35.6780] as LngLat },
  { id: 'p3', point: [139.7671, 35.6812] as LngLat },
  { id: 'p4', point: [139.7672, 35.6812] as LngLat }, // same tile as p3
];
const SHELTER_NEAR = { id: 's1', point: [139.7800, 35.6700] as LngLat }; // outside the rectangle, ~1.2 km away
const SHELTER_FAR = { id: 's2', point: [139.9000, 35.7000] as LngLat }; // ~11 km away

describe('sheltersNearPeople', () => {
  it('keeps the shelters within 2 km of the people’s box', () => {
    const points = PEOPLE.map((p) => p.point);
    expect(sheltersNearPeople(points, [SHELTER_NEAR, SHELTER_FAR])).toEqual([SHELTER_NEAR]);
    expect(sheltersNearPeople([], [SHELTER_NEAR])).toEqual([]);
    expect(SHELTER_READ_RADIUS_M).toBe(2000);
  });

  it('measures to the box’s nearest point (0 inside it)', () => {
    expect(distanceToBox([139.767, 35.68], [139.76, 35.67, 139.77, 35.69])).toBe(0);
    // Due east of the box's east edge at the same latitude: the distance along the parallel.
    expect(distanceToBox([139.79, 35.68], [139.76, 35.67, 139.77, 35.69])).toBeCloseTo(distanceMetres([139.79, 35.68], [139.77, 35.68]), 6);
  });
});

describe('planHazardRead', () => {
  const plan = planHazardRead(PEOPLE, [SHELTER_NEAR]);
  const nw = tileOf([139.7620, 35.6840], 17);
  const se = tileOf([139.7730, 35.6780], 17);
  const rectangle = (se.x - nw.x + 1) * (se.y - nw.y + 1);

  it('fetches, for each layer, the whole z17 rectangle over the people’s box plus the shelter’s tile', () => {
    expect(plan.zoom).toBe(17);
    expect(plan.rectangles).toEqual([{ z: 17, x0: nw.x, y0: nw.y, x1: se.x, y1: se.y }]);
    expect(rectangleTileCount(plan)).toBe(rectangle);
    expect(tileRangeCount(plan.rectangles[0])).toBe(rectangle);
    const shelterTile = tileOf(SHELTER_NEAR.point, 17);
    expect(shelterTile.x > se.x || shelterTile.y > se.y).toBe(true);
    expect(plan.tiles.length).toBe(HAZARD_TILE_LAYERS.length * (rectangle + 1));
    for (const layer of HAZARD_TILE_LAYERS) {
      const keys = plan.tiles.filter((t) => t.layer === layer.id).map((t) => tileKey(t.tile));
      const expected = new Set<string>([tileKey(shelterTile)]);
      for (let x = nw.x; x <= se.x; x++) for (let y = nw.y; y <= se.y; y++) expected.add(`17/${x}/${y}`);
      expect(new Set(keys)).toEqual(expected);
      expect(keys.length).toBe(expected.size);
    }
  });

  it('has no per-person pattern: most tiles read nobody, and the requests are the same for any homes in the box', () => {
    const urls = plan.tiles.map((t) => t.url);
    expect(new Set(urls).size).toBe(urls.length);
    const withReads = plan.tiles.filter((t) => t.reads.length).length / HAZARD_TILE_LAYERS.length;
    expect(withReads).toBeLessThan(rectangle); // 3 home tiles + 1 shelter tile in a rectangle of more
    // The corners alone, or the corners and the middle homes: the same tiles are requested.
    const corners = planHazardRead([PEOPLE[0], PEOPLE[1]], [SHELTER_NEAR]);
    expect(corners.tiles.map((t) => t.url).sort()).toEqual([...urls].sort());
  });

  it('reads each subject at its pixel of its tile, on every layer', () => {
    for (const s of [...PEOPLE, SHELTER_NEAR]) {
      const at = tilePixelOf(s.point, 17);
      for (const layer of HAZARD_TILE_LAYERS) {
        const tile = plan.tiles.find((t) => t.layer === layer.id && tileKey(t.tile) === tileKey(at.tile));
        expect(tile?.url).toBe(hazardTileUrl(layer, 17, at.tile.x, at.tile.y));
        expect(tile?.reads).toContainEqual({ subject: s === SHELTER_NEAR ? 'shelter' : 'person', subjectId: s.id, px: at.px, py: at.py });
      }
    }
  });

  it('one rectangle per area: two far districts do not fetch the city between them', () => {
    const a = { id: 'a', point: [139.7671, 35.6812] as LngLat, area: 'd1' };
    const b = { id: 'b', point: [139.8671, 35.7312] as LngLat, area: 'd2' }; // ~10 km away
    const two = planHazardRead([a, b], []);
    expect(two.rectangles.length).toBe(2);
    expect(two.tiles.length).toBe(2 * HAZARD_TILE_LAYERS.length);
    // The same two homes as one area: their box would be over 1,000 tiles a layer, so the area is
    // read by the two ~2 km blocks holding them (each whole), not by the city between them.
    const one = planHazardRead([{ ...a, area: undefined }, { ...b, area: undefined }], []);
    expect(one.spread).toEqual(['']);
    expect(one.rectangles.length).toBe(2);
    expect(one.tiles.length).toBe(2 * 64 * HAZARD_TILE_LAYERS.length);
  });

  it('no people and no shelters: nothing to fetch', () => {
    expect(planHazardRead([], []).tiles).toEqual([]);
  });
});

describe('readingsFromPixels', () => {
  const people = [
    { id: 'deep', point: [139.7671, 35.6812] as LngLat },
    { id: 'dry', point: [139.7720, 35.6790] as LngLat },
  ];
  const shelter = { id: 'hall', point: [139.7690, 35.6800] as LngLat };
  const plan = planHazardRead(people, [shelter]);
  const floodTile = tilePixelOf(people[0].point, 17).tile;
  /** Flood: 3.0〜5.0m at "deep"; 土石流 tile missing where "deep" is; everything else transparent; "hall" grey (unreadable). */
  const pixels: TilePixels[] = plan.tiles.map((t) => {
    if (t.layer === 'debris_flow' && tileKey(t.tile) === tileKey(floodTile)) return { missing: true };
    const rgba = t.reads.flatMap((r) => {
      if (t.layer === 'flood' && r.subjectId === 'deep') return [0xff, 0xb7, 0xb7, 255];
      if (t.layer === 'flood' && r.subjectId === 'hall') return [200, 200, 200, 255];
      return [0, 0, 0, 0];
    });
    return { missing: false, rgba };
  });
  const readings = readingsFromPixels(plan, pixels, '2026-11-28T15:30:00.000Z', '2026-11-29');
  const get = (subjectId: string, hazard: string) => readings.find((r) => r.subjectId === subjectId && r.hazard === hazard);

  it('one reading per subject × hazard, landslide with its three layers, dated', () => {
    expect(readings.length).toBe(3 * 4);
    const landslide = get('deep', 'landslide');
    expect(landslide?.layers.map((l) => l.layer)).toEqual(['debris_flow', 'steep_slope', 'landslide_slip']);
    expect(landslide?.id).toBe('person|deep|landslide');
    expect(landslide?.point).toEqual([139.7671, 35.6812]);
    expect(get('hall', 'flood')?.subject).toBe('shelter');
    expect(readings.every((r) => r.readAt === '2026-11-28T15:30:00.000Z' && r.readOn === '2026-11-29')).toBe(true);
  });

  it('classifies each pixel; a missing tile is no_tile (データなし), never outside', () => {
    expect(get('deep', 'flood')?.layers[0].outcome).toEqual({ state: 'inside', key: 'depth_3_5', label: '3.0〜5.0m', minDepthM: 3 });
    expect(get('dry', 'flood')?.layers[0].outcome).toEqual({ state: 'outside' });
    expect(get('hall', 'flood')?.layers[0].outcome).toEqual({ state: 'unreadable', rgba: [200, 200, 200, 255] });
    expect(get('deep', 'landslide')?.layers[0].outcome).toEqual({ state: 'no_tile' });
    expect(readingAnswer(get('deep', 'landslide') ?? { layers: [] })).toEqual({ state: 'no_data' });
    expect(readingAnswer(get('dry', 'landslide') ?? { layers: [] })).toEqual({ state: 'outside' });
  });

  it('refuses pixels that do not match the plan', () => {
    expect(() => readingsFromPixels(plan, pixels.slice(1), '', '')).toThrow();
  });
});

describe('tests/fixtures/hazardTilePng', () => {
  /** Parses the fixture's PNG back (chunks, CRCs, zlib) to check it is what it says. */
  function decode(png: Buffer): { width: number; height: number; pixel: (x: number, y: number) => number[] } {
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    let at = 8;
    const chunks: { type: string; data: Buffer }[] = [];
    while (at < png.length) {
      const length = png.readUInt32BE(at);
      const type = png.toString('latin1', at + 4, at + 8);
      const data = png.subarray(at + 8, at + 8 + length);
      expect(png.readUInt32BE(at + 8 + length), `${type} CRC`).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
      chunks.push({ type, data });
      at += 12 + length;
    }
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    const ihdr = chunks[0].data;
    const width = ihdr.readUInt32BE(0), height = ihdr.readUInt32BE(4);
    expect([...ihdr.subarray(8)]).toEqual([8, 6, 0, 0, 0]);
    const raw = inflateSync(chunks[1].data);
    expect(raw.length).toBe(height * (1 + width * 4));
    return { width, height, pixel: (x, y) => [...raw.subarray(y * (1 + width * 4) + 1 + x * 4, y * (1 + width * 4) + 1 + x * 4 + 4)] };
  }

  it('CRC-32 is the standard one (check value of "123456789" is CBF43926)', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('draws a 256 × 256 RGBA tile from the pixel function', () => {
    const [r, g, b] = DEPTH_LEGEND[4].rgb;
    const png = decode(hazardTilePng((x, y) => (x < 128 ? [r, g, b, y] : [0, 0, 0, 0])));
    expect([png.width, png.height]).toEqual([256, 256]);
    expect(png.pixel(0, 0)).toEqual([r, g, b, 0]);
    expect(png.pixel(127, 200)).toEqual([r, g, b, 200]);
    expect(png.pixel(128, 5)).toEqual([0, 0, 0, 0]);
    expect(decode(solidTilePng([1, 2, 3, 4], 16)).pixel(15, 15)).toEqual([1, 2, 3, 4]);
  });
});

describe('a district whose people spread far', () => {
  it('is read by whole ~2 km blocks holding its people, not one rectangle of tens of thousands of tiles', async () => {
    const { planHazardRead, MAX_RECTANGLE_TILES, BLOCK_ZOOM } = await import('../../../src/core/hazardReadPlan');
    const { tileOf, tileRangeCount } = await import('../../../src/core/tileMath');
    const { hazardTileLayer } = await import('../../../src/core/hazardTileLayers');
    // 会津若松 (37.49, 139.93) and one home placed by mistake in 青森 (40.82, 140.74): ~380 km apart.
    const people = [
      { id: 'a', point: [139.93, 37.49] as [number, number], area: 'd1' },
      { id: 'b', point: [139.931, 37.491] as [number, number], area: 'd1' },
      { id: 'far', point: [140.74, 40.82] as [number, number], area: 'd1' },
    ];
    const plan = planHazardRead(people, [], { layers: [hazardTileLayer('flood')] });
    expect(plan.spread).toEqual(['d1']);
    // The two homes in 会津若松 share one block (or two, at a block edge); the far one has its own.
    const blocks = new Set(people.map((p) => { const t = tileOf(p.point, BLOCK_ZOOM); return `${t.x}/${t.y}`; }));
    expect(plan.rectangles).toHaveLength(blocks.size);
    // Each block is fetched whole: 8 × 8 zoom-17 tiles, whether or not anyone lives on them.
    for (const r of plan.rectangles) expect(tileRangeCount(r)).toBe(64);
    expect(plan.tiles).toHaveLength(64 * blocks.size);
    // Every person is read on a fetched tile.
    for (const p of people) expect(plan.tiles.some((t) => t.reads.some((r) => r.subjectId === p.id))).toBe(true);
    // A compact district is still one rectangle (the usual case).
    const compact = planHazardRead(people.slice(0, 2), [], { layers: [hazardTileLayer('flood')] });
    expect(compact.spread).toEqual([]);
    expect(compact.rectangles).toHaveLength(1);
    expect(tileRangeCount(compact.rectangles[0])).toBeLessThanOrEqual(MAX_RECTANGLE_TILES);
  });
});

describe('a tile of the wrong size', () => {
  it('makes its subjects 判定できない, never 区域外 (a proxy’s 1 × 1 “empty” PNG cannot be read at the planned pixel)', () => {
    const flood = HAZARD_TILE_LAYERS.filter((l) => l.id === 'flood');
    const plan = planHazardRead([{ id: 'p', point: [139.7671, 35.6812] }], [], { layers: flood });
    const pixels: TilePixels[] = plan.tiles.map(() => ({ missing: false, unreadable: true, size: [1, 1] }));
    const [reading] = readingsFromPixels(plan, pixels, '2026-11-28T15:30:00.000Z', '2026-11-29');
    expect(reading.layers[0].outcome.state).toBe('unreadable');
    expect(readingAnswer(reading).state).toBe('unreadable');
  });
});
