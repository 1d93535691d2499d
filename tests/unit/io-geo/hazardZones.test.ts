import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import kinks from '@turf/kinks';
import { polygon as turfPolygon } from '@turf/helpers';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { zoneIdPrefix } from '../../../src/io/hazardZoneIdentity';
import { readHazardZones } from '../../../src/io/hazardZones';
import { findSelfIntersection } from '../../../src/io/polygonRepair';
import { fileHazardType } from '../../../src/io/hazardDepth';
import { HazardIndex } from '../../../src/core/hazardAtHome';
import { validateHazardZone } from '../../../src/core/hazardZone';

const PLATEAU = 'tests/fixtures/hazards/landslide_zones_numazu_plateau.geojson';

/** A closed square ring of side `d` degrees at (x, y), counter-clockwise. */
const square = (x: number, y: number, d = 0.001): number[][] => [[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]];
const fc = (features: unknown[]) => ({ type: 'FeatureCollection', features });
const feature = (geometry: unknown, properties: Record<string, unknown> = {}) => ({ type: 'Feature', geometry, properties });
const poly = (...rings: number[][][]) => ({ type: 'Polygon', coordinates: rings });

describe('readHazardZones — PLATEAU 沼津市 土砂災害警戒区域 (real file)', () => {
  const bytes = readFileSync(PLATEAU);
  const raw = JSON.parse(bytes.toString('utf8'));
  const result = readHazardZones(bytes, { file: 'landslide_zones_numazu_plateau.geojson', hazard: 'landslide' });

  it('reads all 81 polygons as landslide zones without errors', () => {
    expect(result.errors).toEqual([]);
    expect(result.featureCount).toBe(81);
    expect(result.records).toHaveLength(81);
    expect(result.records.every((z) => z.hazard === 'landslide' && z.source === 'landslide_zones_numazu_plateau.geojson')).toBe(true);
    expect(result.records.flatMap(validateHazardZone)).toEqual([]);
  });

  it('takes the zone class from areaType_label (42 特別警戒区域, 39 警戒区域)', () => {
    expect(result.depthProperty).toBe('areaType_label');
    const special = result.records.filter((z) => z.depthClass === '土砂災害特別警戒区域（指定済）').length;
    const normal = result.records.filter((z) => z.depthClass === '土砂災害警戒区域（指定済）').length;
    expect([special, normal]).toEqual([42, 39]);
  });

  it('names zones from zoneName, keeps gml_id in the ID (after the file prefix), and bbox encloses every vertex', () => {
    expect(result.records[0].name).toBe(raw.features[0].properties.zoneName);
    expect(new Set(result.records.map((z) => z.id)).size).toBe(81);
    expect(result.records[0].id).toBe(`${zoneIdPrefix('landslide_zones_numazu_plateau.geojson')}-${raw.features[0].properties.gml_id}`);
    for (const z of result.records) {
      const [w, s, e, n] = z.bbox;
      const ring = (z.geometry.coordinates as number[][][])[0];
      expect(ring.every(([x, y]) => x >= w && x <= e && y >= s && y <= n)).toBe(true);
      expect(ring.some(([x]) => x === w) && ring.some(([x]) => x === e)).toBe(true);
    }
  });

  it('finds landslide in this file’s attributes', () => {
    expect(fileHazardType(raw.features)).toEqual({ hazard: 'landslide', attribute: 'disasterType_label' });
  });

  it('feeds the core HazardIndex: its point-in-zone answers agree with Turf on a grid over every zone', () => {
    const index = new HazardIndex(result.records);
    let inside = 0;
    result.records.forEach((z, i) => {
      const [w, s, e, n] = z.bbox;
      for (let a = 1; a < 8; a++) {
        for (let b = 1; b < 8; b++) {
          const p: [number, number] = [w + ((e - w) * a) / 8, s + ((n - s) * b) / 8];
          const turf = booleanPointInPolygon(p, z.geometry, { ignoreBoundary: true });
          expect(index.zonesAt(p).includes(i), `${z.name} ${p}`).toBe(turf);
          if (turf) inside++;
        }
      }
    });
    expect(inside).toBeGreaterThan(81 * 10);
  });
});

describe('readHazardZones — repairs, errors and warnings', () => {
  const read = (features: unknown[], extra: Partial<Parameters<typeof readHazardZones>[1]> = {}) =>
    readHazardZones(fc(features), { file: 'zones.geojson', hazard: 'flood', ...extra });

  it('closes an unclosed ring and says so', () => {
    const open = square(139.9, 37.5).slice(0, 4);
    const r = read([feature(poly(open))]);
    expect(r.errors).toEqual([]);
    expect(r.records).toHaveLength(1);
    const ring = (r.records[0].geometry.coordinates as number[][][])[0];
    expect(ring).toHaveLength(5);
    expect(ring[4]).toEqual(ring[0]);
    expect(r.repairs).toHaveLength(1);
    expect(r.repairs[0]).toMatchObject({ file: 'zones.geojson', row: 1, column: 'geometry' });
    expect(r.repairs[0].message).toContain('1番目の地物');
    expect(r.repairs[0].message).toContain('閉じていない輪');
  });

  it('drops duplicate consecutive points and a degenerate hole, reporting both', () => {
    const outer = square(139.9, 37.5, 0.01);
    outer.splice(2, 0, [...outer[1]], [...outer[1]]);
    const hole = [[139.901, 37.501], [139.902, 37.501], [139.901, 37.501]];
    const r = read([feature(poly(outer, hole))]);
    expect(r.errors).toEqual([]);
    const rings = r.records[0].geometry.coordinates as number[][][];
    expect(rings).toHaveLength(1);
    expect(rings[0]).toHaveLength(5);
    expect(r.repairs[0].message).toMatch(/重複点を2個/);
    expect(r.repairs[0].message).toMatch(/穴を1つ除きました/);
  });

  it('drops a degenerate part of a MultiPolygon but keeps the rest', () => {
    const r = read([feature({ type: 'MultiPolygon', coordinates: [[square(139.9, 37.5)], [[[139.95, 37.5], [139.95, 37.5], [139.95, 37.5]]]] })]);
    expect(r.errors).toEqual([]);
    expect(r.records[0].geometry.type).toBe('MultiPolygon');
    expect(r.records[0].geometry.coordinates).toHaveLength(1);
    expect(r.repairs[0].message).toContain('ポリゴンを1つ除きました');
  });

  it('refuses NaN / text coordinates, naming the feature, ring and position', () => {
    const ring = square(139.9, 37.5);
    ring[2] = [Number.NaN, 37.5];
    const ring2 = square(139.9, 37.5);
    ring2[1] = ['139.9', '37.5'] as unknown as number[];
    const r = read([feature(poly(square(139.9, 37.5))), feature(poly(ring)), feature(poly(ring2))]);
    expect(r.records).toHaveLength(1);
    expect(r.errors.map((e) => e.row)).toEqual([2, 3]);
    expect(r.errors[0].message).toContain('2番目の地物');
    expect(r.errors[0].message).toContain('外周の3番目の座標が数値ではありません');
    expect(r.errors[1].message).toContain('外周の2番目の座標');
    expect(r.errors[0].column).toBe('geometry.coordinates');
  });

  it('refuses a polygon with fewer than 3 distinct points or no area', () => {
    const r = read([
      feature(poly([[139.9, 37.5], [139.91, 37.5], [139.9, 37.5]])),
      feature(poly([[139.9, 37.5], [139.91, 37.5], [139.92, 37.5], [139.9, 37.5]])),
    ]);
    expect(r.records).toEqual([]);
    expect(r.errors[0].message).toContain('異なる点が2個しかありません');
    expect(r.errors[1].message).toContain('面積がありません');
  });

  it('refuses non-polygon geometries and missing geometry', () => {
    const r = read([feature({ type: 'Point', coordinates: [139.9, 37.5] }), feature(null), feature({ type: 'LineString', coordinates: [[139.9, 37.5], [139.91, 37.5]] })]);
    expect(r.records).toEqual([]);
    expect(r.errors[0].message).toContain('「Point」');
    expect(r.errors[1].message).toContain('形状（geometry）がありません');
    expect(r.errors[2].message).toContain('PolygonまたはMultiPolygon');
  });

  it('refuses zones outside Japan, recognising swapped order and projected metres', () => {
    const swapped = square(37.5, 139.9).map(([x, y]) => [x, y]);
    const metres = square(9216, 168155, 50);
    const seoul = square(126.97, 37.56);
    const r = read([feature(poly(swapped)), feature(poly(metres)), feature(poly(seoul))]);
    expect(r.records).toEqual([]);
    expect(r.errors[0].message).toContain('[緯度, 経度]の順');
    expect(r.errors[1].message).toContain('平面直角座標');
    expect(r.errors[2].message).toContain('日本国外');
  });

  it('refuses a file whose crs is projected', () => {
    const r = readHazardZones({ ...fc([feature(poly(square(139.9, 37.5)))]), crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::6677' } } }, { file: 'z.geojson', hazard: 'flood' });
    expect(r.records).toEqual([]);
    expect(r.errors[0]).toMatchObject({ file: 'z.geojson', row: 0 });
    expect(r.errors[0].message).toContain('EPSG::6677');
    const ok = readHazardZones({ ...fc([feature(poly(square(139.9, 37.5)))]), crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } } }, { file: 'z.geojson', hazard: 'flood' });
    expect(ok.records).toHaveLength(1);
  });

  it('keeps a self-intersecting (bow-tie) polygon with a warning giving where the edges cross', () => {
    const bowtie = [[139.9, 37.5], [139.91, 37.51], [139.91, 37.5], [139.9, 37.51], [139.9, 37.5]];
    const r = read([feature(poly(bowtie))]);
    expect(r.records).toHaveLength(1);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0].message).toContain('辺が交差しています');
    expect(r.warnings[0].message).toContain('経度139.905000、緯度37.505000');
  });

  it('reports file-level problems in Japanese: invalid JSON, empty features, binary', () => {
    expect(readHazardZones('{"type": "FeatureCollection", "features": [', { file: 'a.geojson', hazard: 'flood' }).errors[0].message).toContain('JSONの書式の誤り');
    expect(readHazardZones(fc([]), { file: 'a.geojson', hazard: 'flood' }).errors[0].message).toContain('地物が1つもありません');
    expect(readHazardZones(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]), { file: 'a.geojson', hazard: 'flood' }).errors[0].message).toContain('ZIP');
    expect(readHazardZones('', { file: 'a.geojson', hazard: 'flood' }).errors[0].message).toContain('空です');
  });

  it('makes IDs unique even when the file repeats them (a repeated id is no ID: every zone is numbered)', () => {
    const r = read([feature(poly(square(139.9, 37.5)), { id: 'A' }), feature(poly(square(139.9, 37.5)), { id: 'A' })]);
    expect(r.records.map((z) => z.id)).toEqual(['zones-1', 'zones-2']);
  });
});

describe('readHazardZones — depth classes', () => {
  const withProps = (props: Record<string, unknown>[]) => fc(props.map((p, i) => feature(poly(square(139.9 + i * 0.01, 37.5)), p)));

  it('reads 国土数値情報 A31_201 ranks as depth bands', () => {
    const r = readHazardZones(withProps([{ A31_201: 1 }, { A31_201: '2' }, { A31_201: 6 }]), { file: 'A31.geojson', hazard: 'flood' });
    expect(r.depthProperty).toBe('A31_201');
    expect(r.records.map((z) => z.depthClass)).toEqual(['0.5m未満', '0.5m以上3.0m未満', '20.0m以上']);
  });

  it('reads 平成24年 A31_001 codes and A33_002 区域区分', () => {
    const a31 = readHazardZones(withProps([{ A31_001: 21 }, { A31_001: 15 }]), { file: 'A31.geojson', hazard: 'flood' });
    expect(a31.records.map((z) => z.depthClass)).toEqual(['0.5m未満', '5.0m以上']);
    const a33 = readHazardZones(withProps([{ A33_001: 1, A33_002: 2 }, { A33_001: 2, A33_002: 1 }]), { file: 'A33.geojson', hazard: 'landslide' });
    expect(a33.records.map((z) => z.depthClass)).toEqual(['土砂災害特別警戒区域', '土砂災害警戒区域']);
  });

  it('keeps unknown codes as written and warns once per value', () => {
    const r = readHazardZones(withProps([{ A31_201: 9 }, { A31_201: 9 }, { A31_201: 2 }]), { file: 'A31.geojson', hazard: 'flood' });
    expect(r.records.map((z) => z.depthClass)).toEqual(['9', '9', '0.5m以上3.0m未満']);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatchObject({ row: 1, column: 'A31_201' });
  });

  it('reads a metre value in 浸水深, honours an explicit property, and gives null without one', () => {
    const r = readHazardZones(withProps([{ 浸水深: 1.2, klass: 'A' }, { 浸水深: '0.5m以上1m未満', klass: 'B' }]), { file: 'f.geojson', hazard: 'inland_flood' });
    expect(r.records.map((z) => z.depthClass)).toEqual(['1.2m', '0.5m以上1m未満']);
    const forced = readHazardZones(withProps([{ 浸水深: 1.2, klass: 'A' }]), { file: 'f.geojson', hazard: 'flood', depthProperty: 'klass' });
    expect(forced.records[0].depthClass).toBe('A');
    const none = readHazardZones(withProps([{ foo: 1 }]), { file: 'f.geojson', hazard: 'flood' });
    expect(none.depthProperty).toBeNull();
    expect(none.records[0].depthClass).toBeNull();
  });
});

describe('findSelfIntersection agrees with @turf/kinks', () => {
  it('on 400 random rings (simple and crossing)', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    let crossing = 0;
    for (let t = 0; t < 400; t++) {
      const n = 4 + Math.floor(rand() * 40);
      const ring: number[][] = [];
      for (let k = 0; k < n; k++) {
        // angles sorted (star-shaped → simple) for half the rings, random order for the other half
        const a = t % 2 === 0 ? (2 * Math.PI * k) / n : rand() * 2 * Math.PI;
        const r = 0.001 * (0.3 + rand());
        ring.push([139.9 + r * Math.cos(a), 37.5 + r * Math.sin(a)]);
      }
      ring.push([...ring[0]]);
      const ours = findSelfIntersection([ring]) !== null;
      const theirs = kinks(turfPolygon([ring])).features.length > 0;
      expect(ours, `ring ${t}`).toBe(theirs);
      if (ours) crossing++;
    }
    expect(crossing).toBeGreaterThan(50);
    expect(crossing).toBeLessThan(350);
  });
});

describe('readHazardZones — 100,000 generated polygons', () => {
  it('parses every feature, repairs and refuses the planted ones, and reports progress every 1000', () => {
    const N = 100_000;
    const parts: string[] = [];
    let expectedRepairs = 0, expectedErrors = 0;
    for (let i = 0; i < N; i++) {
      const x = 139.8 + (i % 400) * 0.0005, y = 37.4 + Math.floor(i / 400) * 0.0005;
      const d = 0.0004;
      let ring = [[x, y], [x + d, y], [x + d, y + d / 2], [x + d, y + d], [x, y + d], [x, y]];
      if (i % 10_000 === 1) {
        ring = ring.slice(0, 5); // unclosed → repaired
        expectedRepairs++;
      } else if (i % 25_000 === 2) {
        ring = [[x, y], [Number.NaN, y], [x, y + d], [x, y]]; // NaN → error
        expectedErrors++;
      }
      const coords = JSON.stringify(ring).replace(/null/g, '"NaN"');
      parts.push(`{"type":"Feature","properties":{"A31_201":${1 + (i % 6)}},"geometry":{"type":"Polygon","coordinates":[${coords}]}}`);
    }
    const text = `{"type":"FeatureCollection","features":[${parts.join(',')}]}`;
    const progress: [number, number][] = [];
    const r = readHazardZones(text, { file: 'big.geojson', hazard: 'flood', onProgress: (done, total) => progress.push([done, total]) });
    expect(r.featureCount).toBe(N);
    expect(r.errors).toHaveLength(expectedErrors);
    expect(r.repairs).toHaveLength(expectedRepairs);
    expect(r.records).toHaveLength(N - expectedErrors);
    expect(r.records.filter((z) => z.depthClass === '20.0m以上')).toHaveLength(N / 6 | 0);
    expect(progress).toHaveLength(100);
    expect(progress[0]).toEqual([1000, N]);
    expect(progress[99]).toEqual([N, N]);
    expect(new Set(r.records.map((z) => z.id)).size).toBe(r.records.length);
  }, 60_000);
});
