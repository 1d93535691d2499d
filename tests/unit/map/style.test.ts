/** map/style.ts: the layers a user sees, their colours, toggles and the 地理院タイル limits. */
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { HAZARD_TYPES } from '../../../src/core/hazard';
import { MOBILITIES } from '../../../src/core/person';
import { HAZARD_COLORS, MOBILITY_COLORS, PRIORITY_COLORS } from '../../../src/map/colors';
import {
  GEODATA_LAYERS_BEFORE,
  LAYER_GROUPS,
  PERSON_CENTRED_TILE_MAX_ZOOM,
  TOGGLEABLE_LAYERS,
  buildStyle,
  geodataLayers,
  geodataTileSource,
  layerGroupOf,
  matchColor,
  mobilityColor,
  priorityColor,
} from '../../../src/map/style';
import { TILE_PROTOCOL } from '../../../src/map/tileProtocol';
import { evaluate } from './expression';

const CITY: FeatureCollection = { type: 'FeatureCollection', features: [] };

function layer(style: ReturnType<typeof buildStyle>, id: string) {
  const found = style.layers.find((l) => l.id === id);
  if (!found) throw new Error(`no layer ${id}`);
  return found;
}

describe('buildStyle', () => {
  it('draws everything from local data; the 地理院タイル only when online', () => {
    const offline = buildStyle({ onlineTiles: false, cityOutline: CITY });
    const online = buildStyle({ onlineTiles: true, cityOutline: CITY });
    expect(layer(offline, 'gsi-pale').layout).toEqual({ visibility: 'none' });
    expect(layer(online, 'gsi-pale').layout).toEqual({ visibility: 'visible' });
    for (const [id, source] of Object.entries(offline.sources)) {
      if (id === 'gsi-pale') continue;
      expect(source.type, id).toBe('geojson');
    }
  });

  it('asks the server no 地理院タイル closer than the person-centred zoom on a map framed on a home; closer ones come from the device', () => {
    const full = buildStyle({ onlineTiles: true, cityOutline: CITY }).sources['gsi-pale'];
    const personCentred = buildStyle({ onlineTiles: true, cityOutline: CITY, networkMaxZoom: PERSON_CENTRED_TILE_MAX_ZOOM }).sources['gsi-pale'];
    // Both draw tiles up to zoom 18, through the saved basemap (hinan-basemap://)…
    expect(full.type === 'raster' && full.maxzoom).toBe(18);
    expect(personCentred.type === 'raster' && personCentred.maxzoom).toBe(18);
    // …and say how far the server may be asked: 18 for the city map, 15 around a home.
    expect(full.type === 'raster' && full.tiles).toEqual(['hinan-basemap://pale/{z}/{x}/{y}?net=18']);
    expect(personCentred.type === 'raster' && personCentred.tiles).toEqual(['hinan-basemap://pale/{z}/{x}/{y}?net=15']);
  });

  it('stacks the layers: districts under routes and shelters, people above shelters, the selection ring on top', () => {
    const ids = buildStyle({ onlineTiles: false, cityOutline: CITY }).layers.map((l) => l.id);
    const at = (id: string) => ids.indexOf(id);
    expect(at('districts-fill')).toBeLessThan(at('routes'));
    expect(at('routes')).toBeLessThan(at('shelters'));
    expect(at('shelters')).toBeLessThan(at('people'));
    expect(at('people-medical-ring')).toBeLessThan(at('people'));
    expect(ids.at(-1)).toBe('selection-ring');
    expect(ids).toContain(GEODATA_LAYERS_BEFORE);
  });

  it('colours people by mobility, or by priority when asked', () => {
    const byMobility = buildStyle({ onlineTiles: false, cityOutline: CITY });
    const byPriority = buildStyle({ onlineTiles: false, cityOutline: CITY, colorBy: 'priority' });
    const colour = (style: ReturnType<typeof buildStyle>, properties: Record<string, unknown>) => {
      const people = layer(style, 'people');
      return people.type === 'circle' ? evaluate(people.paint?.['circle-color'], properties) : undefined;
    };
    expect(colour(byMobility, { mobility: 'wheelchair', priority: 'A' })).toBe(MOBILITY_COLORS.wheelchair);
    expect(colour(byPriority, { mobility: 'wheelchair', priority: 'A' })).toBe(PRIORITY_COLORS.A);
  });

  it('rings people with a medical dependence only', () => {
    const ring = layer(buildStyle({ onlineTiles: false, cityOutline: CITY }), 'people-medical-ring');
    expect(ring.type === 'circle' && evaluate(ring.filter, { medical: true })).toBe(true);
    expect(ring.type === 'circle' && evaluate(ring.filter, { medical: false })).toBe(false);
  });

  it('shows each shelter with the icon of its kind, faded when closed', () => {
    const shelters = layer(buildStyle({ onlineTiles: false, cityOutline: CITY }), 'shelters');
    if (shelters.type !== 'symbol') throw new Error('shelters is not a symbol layer');
    expect(evaluate(shelters.layout?.['icon-image'], { kind: 'welfare_shelter' })).toBe('shelter-welfare_shelter');
    expect(evaluate(shelters.layout?.['icon-image'], { kind: 'emergency_site' })).toBe('shelter-emergency_site');
    expect(evaluate(shelters.paint?.['icon-opacity'], { closed: true })).toBe(0.35);
    expect(evaluate(shelters.paint?.['icon-opacity'], { closed: false })).toBe(1);
  });

  it('draws a road route solid and a straight line dashed', () => {
    const routes = layer(buildStyle({ onlineTiles: false, cityOutline: CITY }), 'routes');
    if (routes.type !== 'line') throw new Error('routes is not a line layer');
    expect(evaluate(routes.paint?.['line-dasharray'], { routed: true })).toEqual([1, 0]);
    expect(evaluate(routes.paint?.['line-dasharray'], { routed: false })).toEqual([2, 2]);
  });
});

describe('colour expressions', () => {
  it('gives every mobility class, priority rank and hazard its colour, and a grey otherwise', () => {
    for (const m of MOBILITIES) expect(evaluate(mobilityColor, { mobility: m })).toBe(MOBILITY_COLORS[m]);
    expect(evaluate(mobilityColor, {})).toBe('#555555');
    for (const r of ['A', 'B', 'C'] as const) expect(evaluate(priorityColor, { priority: r })).toBe(PRIORITY_COLORS[r]);
    expect(evaluate(priorityColor, { priority: null })).toBe('#8a8a8a');
    const fill = geodataLayers().find((l) => l.id === 'hazards-fill');
    for (const h of HAZARD_TYPES) expect(fill?.type === 'fill' && evaluate(fill.paint?.['fill-color'], { hazard: h })).toBe(HAZARD_COLORS[h]);
  });

  it('matchColor lists the labels in order, then the fallback', () => {
    expect(matchColor('k', ['a', 'b'], { a: '#111', b: '#222' }, '#000')).toEqual(['match', ['get', 'k'], 'a', '#111', 'b', '#222', '#000']);
  });
});

describe('hazard-zone and road layers', () => {
  it("draws one hazard's zones when given one, every zone otherwise; roads always", () => {
    const all = geodataLayers();
    const flood = geodataLayers('flood');
    expect(all.map((l) => l.id)).toEqual(['hazards-fill', 'hazards-line', 'roads']);
    const fill = flood.find((l) => l.id === 'hazards-fill');
    expect(fill && 'filter' in fill && evaluate(fill.filter, { hazard: 'flood' })).toBe(true);
    expect(fill && 'filter' in fill && evaluate(fill.filter, { hazard: 'tsunami' })).toBe(false);
    expect(all.find((l) => l.id === 'hazards-fill')).not.toHaveProperty('filter');
    expect(flood.find((l) => l.id === 'roads')).not.toHaveProperty('filter');
  });

  it('starts each layer shown or hidden as the toggles say', () => {
    const layers = geodataLayers(undefined, (id) => id !== 'roads');
    const visibility = (id: string) => {
      const l = layers.find((x) => x.id === id);
      return l && l.type !== 'background' && l.type !== 'fill-extrusion' ? l.layout?.visibility : undefined;
    };
    expect(visibility('roads')).toBe('none');
    expect(visibility('hazards-fill')).toBe('visible');
    expect(geodataLayers().every((l) => 'layout' in l && l.layout?.visibility === 'visible')).toBe(true);
  });

  it("reads tiles from the device by a URL that changes with the store's revision", () => {
    const a = geodataTileSource('hazards', 'rev-1');
    const b = geodataTileSource('hazards', 'rev-2');
    expect(a.tiles?.[0].startsWith(`${TILE_PROTOCOL}://hazards/{z}/{x}/{y}?r=`)).toBe(true);
    expect(a.tiles?.[0]).not.toBe(b.tiles?.[0]);
    expect(geodataTileSource('hazards', 'rev-1')).toEqual(a);
  });
});

describe('layer toggles', () => {
  it('every toggled layer exists in the style or among the hazard-zone and road layers, in one group', () => {
    const ids = new Set([...buildStyle({ onlineTiles: false, cityOutline: CITY }).layers.map((l) => l.id), ...geodataLayers().map((l) => l.id)]);
    for (const group of LAYER_GROUPS) {
      for (const id of TOGGLEABLE_LAYERS[group]) {
        expect(ids.has(id), id).toBe(true);
        expect(layerGroupOf(id)).toBe(group);
      }
    }
    expect(layerGroupOf('selection-ring')).toBeUndefined();
    expect(layerGroupOf('gsi-pale')).toBeUndefined();
  });
});
