import { describe, expect, it } from 'vitest';
import { isShareable } from '../../../src/core/consent';
import { distanceMetres } from '../../../src/core/geo';
import { prepareRead } from '../../../src/ui/hazardRead/prepareRead';
import { HAZARD_TILE_LAYERS } from '../../../src/core/hazardTileLayers';
import { readDemoBundle } from '../db/demoStore';

const demo = readDemoBundle();
const shown = demo.people.filter((p) => isShareable(p.consent));

describe('prepareRead (what the panel asks for before the first request)', () => {
  it('counts the tiles of every layer, the placed people and the shelters within 2 km, before anything is fetched', () => {
    const people = shown.filter((p) => p.districtId === 'demo-d1');
    const read = prepareRead(people, demo.shelters);
    expect(read.people).toBe(people.filter((p) => p.location).length);
    expect(read.tiles).toBe(read.plan.tiles.length);
    expect(read.tiles % HAZARD_TILE_LAYERS.length).toBe(0);
    expect(read.plan.rectangles).toHaveLength(1);
    // A shelter next to a person is read; one on the other side of the city is not.
    const home: [number, number] = [people[0].location!.lng, people[0].location!.lat];
    const near = demo.shelters.filter((s) => distanceMetres(home, s.location) < 500);
    const far = demo.shelters.filter((s) => distanceMetres(home, s.location) > 10_000);
    expect(near.length).toBeGreaterThan(0);
    expect(far.length).toBeGreaterThan(0);
    const readShelters = new Set(read.plan.subjects.filter((s) => s.subject === 'shelter').map((s) => s.subjectId));
    expect(readShelters.size).toBe(read.shelters);
    for (const s of near) expect(readShelters.has(s.id)).toBe(true);
    for (const s of far) expect(readShelters.has(s.id)).toBe(false);
  });

  it('reads 「すべての地区」 as one rectangle per district, not one box over the whole city', () => {
    const all = prepareRead(shown, []);
    expect(all.plan.rectangles).toHaveLength(new Set(shown.map((p) => p.districtId)).size);
    const oneBox = prepareRead(shown.map((p) => ({ ...p, districtId: null })), []);
    expect(oneBox.plan.rectangles).toHaveLength(1);
    expect(all.tiles).toBeLessThan(oneBox.tiles);
  });

  it('skips people without a location (nothing to read) and asks for nothing when nobody is placed', () => {
    const people = shown.filter((p) => p.districtId === 'demo-d1');
    const unplaced = people.map((p) => ({ ...p, location: null }));
    expect(prepareRead(unplaced, demo.shelters)).toMatchObject({ tiles: 0, people: 0, shelters: 0 });
    expect(prepareRead([...people.slice(1), { ...people[0], location: null }], []).people).toBe(people.length - 1);
  });
});
