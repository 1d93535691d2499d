/**
 * map/features.ts with the style: what the map draws of people, supporters, shelters, districts
 * and routes. People reach the map through the store's consent gate (db/consentGate.ts), as
 * MapView's do; a person without consent is no feature at all, and no feature carries a name.
 */
import 'fake-indexeddb/auto';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { District } from '../../../src/core/district';
import type { Person } from '../../../src/core/person';
import { priorityOf } from '../../../src/core/priority';
import { shareablePeople } from '../../../src/db/consentGate';
import { MOBILITY_COLORS, PRIORITY_COLORS } from '../../../src/map/colors';
import { districtFeatures, peopleFeatures, routeFeatures, shelterFeatures, supporterFeatures } from '../../../src/map/features';
import { ICON_NAMES } from '../../../src/map/icons';
import { buildStyle, priorityColor } from '../../../src/map/style';
import { person, place, supporter } from '../core/rosterFixtures';
import { openTestDb } from '../db/demoStore';
import { makeShelter } from '../engine/fixtures';
import { evaluate } from './expression';

const CITY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** The colour the `people` layer gives a feature's properties. */
function personColour(properties: Record<string, unknown>, colorBy: 'mobility' | 'priority'): unknown {
  const people = buildStyle({ onlineTiles: false, cityOutline: CITY, colorBy }).layers.find((l) => l.id === 'people');
  return people?.type === 'circle' ? evaluate(people.paint?.['circle-color'], properties) : undefined;
}

describe('people on the map', () => {
  it('a consented person is a dot in their priority colour; a refused or pending one is absent', async () => {
    const db = openTestDb();
    const given = person('p-given', { mobility: 'bedridden', medical: ['ventilator'], location: place(139.93, 37.49) });
    const refused = person('p-refused', { consent: { status: 'refused', date: '2025-04-01', method: 'signature', recipients: [] } });
    const pending = person('p-pending', { consent: { status: 'pending', date: null, method: 'unknown', recipients: [] } });
    await db.people.bulkPut([given, refused, pending]);
    const { people, hiddenCount } = await shareablePeople(db);
    expect(hiddenCount).toBe(2);
    const priority = priorityOf(given);
    const fc = peopleFeatures(people, new Map([[given.id, { priority }]]));
    expect(fc.features.map((f) => f.properties?.id)).toEqual(['p-given']);
    const [dot] = fc.features;
    expect(dot.geometry.coordinates).toEqual([139.93, 37.49]);
    expect(dot.properties).toEqual({ id: 'p-given', mobility: 'bedridden', medical: true, priority: priority.rank });
    expect(personColour(dot.properties ?? {}, 'priority')).toBe(PRIORITY_COLORS[priority.rank]);
    expect(personColour(dot.properties ?? {}, 'mobility')).toBe(MOBILITY_COLORS.bedridden);
  });

  it('leaves out people not yet placed, and carries no name, address or phone', () => {
    const placed = person('p1', { name: '会津　花子', address: '栄町1-1', phone: '0242-11-2222' });
    const unplaced = person('p2', { location: null });
    const fc = peopleFeatures([placed, unplaced]);
    expect(fc.features).toHaveLength(1);
    const text = JSON.stringify(fc);
    for (const secret of ['会津', '栄町1-1', '0242-11-2222']) expect(text).not.toContain(secret);
    // Without the engine's results a dot has no priority: grey when coloured by priority.
    expect(fc.features[0].properties?.priority).toBeNull();
    expect(evaluate(priorityColor, fc.features[0].properties ?? {})).toBe('#8a8a8a');
  });
});

describe('supporters, shelters and districts', () => {
  it('places supporters by their location, ids only', () => {
    const fc = supporterFeatures([supporter('s1', { location: place(139.9, 37.5) }), supporter('s2', { location: null })]);
    expect(fc.features).toEqual([{ type: 'Feature', geometry: { type: 'Point', coordinates: [139.9, 37.5] }, properties: { id: 's1' } }]);
  });

  it('gives each shelter the icon of its main kind (福祉避難所 over 避難所 over 緊急避難場所), an icon the map has', () => {
    const shelters = [
      makeShelter('e', [139.9, 37.5], { kinds: ['emergency_site'] }),
      makeShelter('s', [139.91, 37.5], { kinds: ['emergency_site', 'shelter'] }),
      makeShelter('w', [139.92, 37.5], { kinds: ['shelter', 'welfare_shelter'], closed: true }),
    ];
    const style = buildStyle({ onlineTiles: false, cityOutline: CITY });
    const layer = style.layers.find((l) => l.id === 'shelters');
    if (layer?.type !== 'symbol') throw new Error('shelters is not a symbol layer');
    const icons = shelterFeatures(shelters).features.map((f) => evaluate(layer.layout?.['icon-image'], f.properties ?? {}));
    expect(icons).toEqual(['shelter-emergency_site', 'shelter-shelter', 'shelter-welfare_shelter']);
    for (const icon of icons) expect(ICON_NAMES).toContain(icon);
    expect(shelterFeatures(shelters).features[2].properties).toMatchObject({ id: 'w', closed: true });
  });

  it('draws districts that have an outline, in their colour', () => {
    const outline = { type: 'Polygon' as const, coordinates: [[[139.9, 37.5], [139.91, 37.5], [139.91, 37.51], [139.9, 37.5]]] };
    const districts: District[] = [
      { id: 'd1', name: '栄町', outline, color: '#123456', origin: 'user' },
      { id: 'd2', name: '追手町', outline: null, color: '#654321', origin: 'user' },
    ];
    const fc = districtFeatures(districts);
    expect(fc.features).toEqual([{ type: 'Feature', geometry: outline, properties: { id: 'd1', color: '#123456' } }]);
  });
});

describe('routes', () => {
  const home = person('p1', { location: place(139.93, 37.49) });
  const base = { priority: priorityOf(home) };
  const destination = { shelterId: 'sh', distanceM: 500, routeM: null, route: null, crossesHazardZones: [] };
  const at = (id: string): [number, number] | undefined => (id === 'sh' ? [139.94, 37.5] : undefined);

  it('draws the road route from home to the shelter when there is one, else a straight line', () => {
    const road = routeFeatures([home], new Map([[home.id, { ...base, destination: { ...destination, routeM: 800, route: [[139.935, 37.495]] } }]]), at);
    expect(road.features[0].geometry.coordinates).toEqual([[139.93, 37.49], [139.935, 37.495], [139.94, 37.5]]);
    expect(road.features[0].properties).toEqual({ id: 'p1', priority: base.priority.rank, routed: true });
    const straight = routeFeatures([home], new Map([[home.id, { ...base, destination }]]), at);
    expect(straight.features[0].geometry.coordinates).toEqual([[139.93, 37.49], [139.94, 37.5]]);
    expect(straight.features[0].properties?.routed).toBe(false);
  });

  it('draws nothing for a person without a destination, a place, or a known shelter', () => {
    const unplaced: Person = { ...home, id: 'p2', location: null };
    const analysis = new Map([
      [home.id, { ...base, destination: null }],
      [unplaced.id, { ...base, destination }],
    ]);
    expect(routeFeatures([home, unplaced], analysis, at).features).toEqual([]);
    expect(routeFeatures([home], new Map([[home.id, { ...base, destination }]]), () => undefined).features).toEqual([]);
  });
});
