import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OSM_ATTRIBUTION, highwayOf, readRoadNetwork, roadLine, roadLineCount, roadLines } from '../../../src/io/roadNetwork';
import { buildRoadGraph } from '../../../src/core/roadGraph';

const OSM = 'tests/fixtures/roads/osm_walk_network_otemachi_350m.geojson';

describe('readRoadNetwork — OSM 大手町 walking network (real file)', () => {
  const bytes = readFileSync(OSM);
  const raw = JSON.parse(bytes.toString('utf8')) as { features: { geometry: { coordinates: number[][] }; properties: { highway: string } }[] };
  const progress: number[] = [];
  const { network, errors, warnings, featureCount } = readRoadNetwork(bytes, { file: 'osm.geojson', onProgress: (d) => progress.push(d) });

  it('keeps all 3,715 lines with their highway tag and credits OpenStreetMap', () => {
    expect(errors).toEqual([]);
    expect(featureCount).toBe(3715);
    expect(network).not.toBeNull();
    const n = network!;
    expect(roadLineCount(n)).toBe(3715);
    expect(n.attribution).toBe(OSM_ATTRIBUTION);
    const count = (tag: string) => Array.from({ length: roadLineCount(n) }, (_, i) => highwayOf(n, i)).filter((h) => h === tag).length;
    expect(count('footway')).toBe(raw.features.filter((f) => f.properties.highway === 'footway').length);
    expect(count('steps')).toBe(661);
    expect(count('corridor')).toBe(42);
    expect(progress).toEqual([1000, 2000, 3000, 3715]);
  });

  it('stores every vertex (minus exact consecutive duplicates) in [lng, lat] order', () => {
    const n = network!;
    expect(roadLine(n, 0)).toEqual(raw.features[0].geometry.coordinates);
    const total = raw.features.reduce((a, f) => a + f.geometry.coordinates.filter((p, k, arr) => k === 0 || p[0] !== arr[k - 1][0] || p[1] !== arr[k - 1][1]).length, 0);
    expect(n.coords.length / 2).toBe(total);
    const duplicates = raw.features.reduce((a, f) => a + f.geometry.coordinates.length, 0) - total;
    expect(warnings.length).toBe(duplicates ? 1 : 0);
    const [w, s, e, nn] = n.bbox;
    expect(w).toBeGreaterThan(139.75);
    expect(e).toBeLessThan(139.78);
    expect(s).toBeGreaterThan(35.67);
    expect(nn).toBeLessThan(35.70);
  });

  it('survives a structured clone (IndexedDB) unchanged and builds a connected routing graph', () => {
    const n = network!;
    const copy = structuredClone(n);
    expect(copy.coords).toBeInstanceOf(Float64Array);
    expect(copy).toEqual(n);
    const g = buildRoadGraph(roadLines(copy));
    expect(g.nodeCount).toBeGreaterThan(5000);
    expect(g.edgeCount).toBeGreaterThan(g.nodeCount * 0.9);
  });
});

describe('readRoadNetwork — bad and unusual features', () => {
  const fc = (features: unknown[]) => ({ type: 'FeatureCollection', features });
  const line = (coordinates: unknown, highway = 'footway') => ({ type: 'Feature', properties: { highway }, geometry: { type: 'LineString', coordinates } });

  it('splits a MultiLineString into lines that share its highway tag', () => {
    const r = readRoadNetwork(fc([{ type: 'Feature', properties: { highway: 'residential' }, geometry: { type: 'MultiLineString', coordinates: [[[139.76, 35.68], [139.761, 35.68]], [[139.762, 35.68], [139.763, 35.681]]] } }]), { file: 'm.geojson' });
    expect(roadLineCount(r.network!)).toBe(2);
    expect([highwayOf(r.network!, 0), highwayOf(r.network!, 1)]).toEqual(['residential', 'residential']);
    expect(roadLine(r.network!, 1)).toEqual([[139.762, 35.68], [139.763, 35.681]]);
  });

  it('skips points and areas with a warning, and refuses broken lines with an error naming the feature', () => {
    const r = readRoadNetwork(fc([
      line([[139.76, 35.68], [139.761, 35.68]]),
      { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [139.76, 35.68] } },
      line([[139.76, 35.68], [Number.NaN, 35.68]]),
      line([[139.76, 35.68], [139.76, 35.68]]),
      line([[35.68, 139.76], [35.681, 139.76]]),
      line('oops'),
    ]), { file: 'bad.geojson' });
    expect(roadLineCount(r.network!)).toBe(1);
    expect(r.warnings[0]).toMatchObject({ file: 'bad.geojson', row: 2, column: 'geometry' });
    expect(r.warnings[0].message).toContain('「Point」のため読み飛ばしました');
    expect(r.errors.map((e) => e.row)).toEqual([3, 4, 5, 6]);
    expect(r.errors[0].message).toContain('3番目の地物: 線の2番目の座標');
    expect(r.errors[1].message).toContain('異なる点が1個しかありません');
    expect(r.errors[2].message).toContain('[緯度, 経度]の順');
    expect(r.errors[3].message).toContain('座標の配列ではありません');
  });

  it('has no network and says why when no line is usable; no OSM credit without highway tags', () => {
    const r = readRoadNetwork(fc([{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [139.76, 35.68] } }]), { file: 'p.geojson' });
    expect(r.network).toBeNull();
    expect(r.errors.at(-1)!.message).toContain('使える線');
    const plain = readRoadNetwork(fc([{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[139.76, 35.68], [139.761, 35.68]] } }]), { file: 'l.geojson' });
    expect(plain.network!.attribution).toBe('');
    expect(highwayOf(plain.network!, 0)).toBe('');
  });
});
