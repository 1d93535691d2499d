/**
 * The small seams of map/: the one place a GeoJSON source gets its data, the one place a map is
 * handed to the e2e tests (only under automation), and `[lng, lat]` tuples vs `{ lng, lat }` objects.
 */
import { GeoJSONSource, LngLatBounds, VectorTileSource, type Map as MapLibreMap } from 'maplibre-gl';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { boundsAround, outerRing, positionLngLat, toLngLat } from '../../../src/map/lngLat';
import { geoJSONSource, setSourceData } from '../../../src/map/sourceData';
import { exposeMapForTests, underAutomation } from '../../../src/map/testHooks';

/** A stand-in for a MapLibre map holding the given sources (only `getSource` is used). */
function mapWith(sources: Record<string, unknown>): MapLibreMap {
  const fake: Pick<MapLibreMap, 'getSource'> = { getSource: <T>(id: string) => sources[id] as T | undefined };
  return fake as MapLibreMap;
}

/** A GeoJSON source object recording what it was given (no map or worker behind it). */
function recordingGeoJSONSource(): { source: GeoJSONSource; given: unknown[] } {
  const given: unknown[] = [];
  const source: GeoJSONSource = Object.create(GeoJSONSource.prototype);
  source.setData = async (data) => {
    given.push(data);
  };
  return { source, given };
}

describe('setSourceData', () => {
  it("sets a GeoJSON source's data", () => {
    const { source, given } = recordingGeoJSONSource();
    const data = { type: 'FeatureCollection' as const, features: [] };
    expect(setSourceData(mapWith({ people: source }), 'people', data)).toBe(true);
    expect(given).toEqual([data]);
    expect(geoJSONSource(mapWith({ people: source }), 'people')).toBe(source);
  });

  it('does nothing when the source is missing or not GeoJSON', () => {
    const vector: VectorTileSource = Object.create(VectorTileSource.prototype);
    const map = mapWith({ hazards: vector });
    expect(setSourceData(map, 'people', 'blob:x')).toBe(false);
    expect(setSourceData(map, 'hazards', 'blob:x')).toBe(false);
    expect(geoJSONSource(map, 'hazards')).toBeUndefined();
  });
});

describe('exposeMapForTests', () => {
  afterEach(() => vi.unstubAllGlobals());
  const map = mapWith({});

  it('sets window.__hinan…Map under automation (navigator.webdriver)', () => {
    const win: Partial<Window> = {};
    vi.stubGlobal('window', win);
    vi.stubGlobal('navigator', { webdriver: true });
    expect(underAutomation()).toBe(true);
    exposeMapForTests('__hinanRouteMap', map);
    expect(win.__hinanRouteMap).toBe(map);
  });

  it('never for a real user', () => {
    const win: Partial<Window> = {};
    vi.stubGlobal('window', win);
    vi.stubGlobal('navigator', { webdriver: false });
    exposeMapForTests('__hinanMap', map);
    expect(win).toEqual({});
  });
});

describe('[lng, lat] tuples', () => {
  it('from MapLibre objects and placed locations, GeoJSON positions and polygon rings', () => {
    expect(toLngLat({ lng: 139.93, lat: 37.49 })).toEqual([139.93, 37.49]);
    expect(positionLngLat([139.93, 37.49, 210])).toEqual([139.93, 37.49]);
    expect(outerRing({ type: 'Polygon', coordinates: [[[1, 2], [3, 4], [1, 2]], [[9, 9]]] })).toEqual([[1, 2], [3, 4], [1, 2]]);
    expect(outerRing({ type: 'Polygon', coordinates: [] })).toEqual([]);
  });

  it('bounds around points, none for no point', () => {
    const b = boundsAround([[139.9, 37.5], [139.95, 37.45], [139.92, 37.52]]);
    expect(b).toBeInstanceOf(LngLatBounds);
    expect(b?.toArray()).toEqual([[139.9, 37.45], [139.95, 37.52]]);
    expect(boundsAround([])).toBeNull();
  });
});
