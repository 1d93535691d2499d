import { describe, expect, it } from 'vitest';
import { LEGIBLE_SCALE_RANGE, fromGround, legibleScale, mapPageCount, pageOf, paperMm, planMapPrint, scaleBar, toGround, type GroundPoint, type MapPrintPlan } from '../../../src/core/mapTiling';
import { distanceMetres, type LngLat } from '../../../src/core/geo';
import { metresPerPixel, PAPER_M_PER_PX, zoomForScale } from '../../../src/map/printScale';

/** A4 portrait less 12 mm margins, head and foot: the figure sizes the district map uses. */
const TILE = { width: 186, height: 223 };
const SINGLE = { width: 186, height: 138 };

/** Homes on a square grid `step` m apart, `n`×`m` of them. */
function grid(n: number, m: number, step: number): GroundPoint[] {
  const out: GroundPoint[] = [];
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) out.push({ x: i * step, y: j * step });
  return out;
}

const inside = (p: GroundPoint, b: { west: number; east: number; south: number; north: number }) => p.x >= b.west && p.x <= b.east && p.y >= b.south && p.y <= b.north;

describe('mapTiling', () => {
  it('gives the paper sizes in mm, turned for landscape', () => {
    expect(paperMm('A4', 'portrait')).toEqual({ width: 210, height: 297 });
    expect(paperMm('A3', 'landscape')).toEqual({ width: 420, height: 297 });
  });

  it('converts to local metres and back (within 0.5 % of the true distance; back to a centimetre)', () => {
    const frame = { origin: [139.93, 37.5] satisfies LngLat };
    const at: LngLat = [139.95, 37.52];
    const g = toGround(frame, at);
    expect(Math.abs(Math.hypot(g.x, g.y) / distanceMetres(frame.origin, at) - 1)).toBeLessThan(0.005);
    const back = fromGround(frame, g);
    expect(distanceMetres(back, at)).toBeLessThan(0.01);
  });

  it('chooses a more detailed legible scale for denser homes, within the range', () => {
    expect(legibleScale(grid(5, 5, 100))).toBe(LEGIBLE_SCALE_RANGE.least); // 100 m apart: 1:10,000 leaves 10 mm
    expect(legibleScale(grid(5, 5, 30))).toBe(5000); // 30 m apart: 6 mm at 1:5,000
    expect(legibleScale(grid(5, 5, 5))).toBe(LEGIBLE_SCALE_RANGE.most);
    expect(legibleScale([{ x: 0, y: 0 }])).toBe(LEGIBLE_SCALE_RANGE.least);
  });

  it('prints one page when the homes fit at the legible scale, showing every home and destination', () => {
    const homes = grid(5, 5, 200); // 800 m square
    const plan = planMapPrint(homes, [{ x: 900, y: 400 }], { single: SINGLE, tile: TILE, leastLegible: 10_000 });
    expect(plan).toMatchObject({ kind: 'single', fullPage: false });
    if (plan.kind !== 'single') return;
    expect(plan.scale).toBeLessThanOrEqual(10_000);
    for (const p of [...homes, { x: 900, y: 400 }]) expect(inside(p, plan.bbox)).toBe(true);
    // The box has the figure's shape at that scale.
    expect((plan.bbox.east - plan.bbox.west) / (plan.bbox.north - plan.bbox.south)).toBeCloseTo(SINGLE.width / SINGLE.height, 6);
    expect(mapPageCount(plan)).toBe(1);
  });

  it('leaves a far destination out rather than tiling when the homes alone fit', () => {
    const plan = planMapPrint(grid(3, 3, 100), [{ x: 5000, y: 0 }], { single: SINGLE, tile: TILE, leastLegible: 10_000 });
    expect(plan.kind).toBe('single');
    if (plan.kind === 'single') expect(inside({ x: 5000, y: 0 }, plan.bbox)).toBe(false);
  });

  it('gives the map a page of its own rather than one tile when it fits only there', () => {
    // 1 km tall: too tall for the 138 mm figure at 1:7,500 (1,035 m less margins), not for the 223 mm page.
    const plan = planMapPrint([{ x: 0, y: 0 }, { x: 100, y: 1000 }], [], { single: SINGLE, tile: TILE, leastLegible: 7500 });
    expect(plan).toMatchObject({ kind: 'single', fullPage: true });
    expect(plan.scale).toBeLessThanOrEqual(7500);
    expect(mapPageCount(plan)).toBe(1);
  });

  it('never prints a few homes at a scale more detailed than 1:1,500', () => {
    const plan = planMapPrint([{ x: 0, y: 0 }, { x: 10, y: 10 }], [], { single: SINGLE, tile: TILE, leastLegible: 10_000 });
    expect(plan.scale).toBe(1500);
  });

  it('tiles a large district into overlapping pages at no less detail than the legible scale, each home owned by exactly one page', () => {
    const homes = grid(16, 16, 200); // 3 km square
    const plan: MapPrintPlan = planMapPrint(homes, [], { single: SINGLE, tile: TILE, leastLegible: 7500 });
    expect(plan.kind).toBe('tiled');
    if (plan.kind !== 'tiled') return;
    expect(plan.scale).toBeLessThanOrEqual(7500);
    // 3 km + margins at 1:7,500 = 412 mm: 3 columns of 186 mm (10 mm overlap), 2 rows of 223 mm.
    expect([plan.cols, plan.rows]).toEqual([3, 2]);
    expect(plan.tiles.map((t) => t.page)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(mapPageCount(plan)).toBe(7);
    // Neighbours: page 2 (NW) continues east on 3 and south on 5.
    expect(plan.tiles[0].neighbours).toEqual({ east: 3, south: 5 });
    expect(plan.tiles[4].neighbours).toEqual({ north: 3, east: 7, west: 5 });
    // Adjacent tiles overlap by 10 mm on paper.
    expect((plan.tiles[0].bbox.east - plan.tiles[1].bbox.west) / (plan.scale / 1000)).toBeCloseTo(10, 6);
    for (const p of homes) {
      const owners = plan.tiles.filter((t) => inside(p, t.core));
      expect(owners.length).toBeGreaterThanOrEqual(1);
      const page = pageOf(plan, p);
      const tile = plan.tiles.find((t) => t.page === page)!;
      expect(inside(p, tile.bbox)).toBe(true);
    }
    // The overview shows the whole grid.
    for (const t of plan.tiles) for (const c of [{ x: t.bbox.west, y: t.bbox.north }, { x: t.bbox.east, y: t.bbox.south }]) expect(inside(c, { west: plan.overview.bbox.west - 1e-6, east: plan.overview.bbox.east + 1e-6, south: plan.overview.bbox.south - 1e-6, north: plan.overview.bbox.north + 1e-6 })).toBe(true);
  });

  it('prints no page for a tile without homes (an L-shaped district)', () => {
    const homes = [...grid(16, 3, 200), ...grid(3, 16, 200)];
    const plan = planMapPrint(homes, [], { single: SINGLE, tile: TILE, leastLegible: 5000 });
    if (plan.kind !== 'tiled') throw new Error('expected tiles');
    expect(plan.tiles.length).toBeLessThan(plan.cols * plan.rows);
    for (const t of plan.tiles) expect(homes.some((p) => inside(p, t.core))).toBe(true);
    for (const t of plan.tiles) for (const n of Object.values(t.neighbours)) expect(plan.tiles.some((o) => o.page === n)).toBe(true);
  });

  it('picks a round scale-bar length no longer than asked', () => {
    expect(scaleBar(7.5, 40)).toEqual({ metres: 200, mm: 200 / 7.5 });
    expect(scaleBar(10, 40)).toEqual({ metres: 200, mm: 20 });
    expect(scaleBar(1.5, 40)).toEqual({ metres: 50, mm: 50 / 1.5 });
  });

  it('turns a scale into the MapLibre zoom and back (metres per pixel at the page centre)', () => {
    const z = zoomForScale(7500, 37.5);
    expect(metresPerPixel(z, 37.5) / PAPER_M_PER_PX).toBeCloseTo(7500, 6);
    expect(z).toBeGreaterThan(14);
    expect(z).toBeLessThan(16);
  });
});
