/**
 * Road network GeoJSON (an OpenStreetMap / Overpass export of LineString and MultiLineString
 * features in `[lng, lat]` degrees) → a compact plain structure of typed arrays that can be
 * stored in IndexedDB as is (structured clone) and fed to core/roadGraph.ts `buildRoadGraph`
 * through `roadLines`. Only the OSM `highway` tag is kept. Pure: runs in Node and in a Worker.
 */
import { isInJapan } from '../core/geo';
import { featureLabel, outsideJapanReason, readGeoJsonFeatures, type GeoJsonInput, type LooseFeature } from './geojsonInput';
import type { RowError } from './rowError';
import { quoteValue } from './quote';

/** Credit line required for OpenStreetMap data (ODbL 1.0). */
export const OSM_ATTRIBUTION = '© OpenStreetMap contributors (ODbL)';

/** A set of polylines in typed arrays. */
export interface RoadNetwork {
  /** Vertex coordinates `[lng0, lat0, lng1, lat1, …]`, WGS84 degrees. */
  coords: Float64Array;
  /** Line `i` is vertices `offsets[i] .. offsets[i+1] − 1` (vertex indices: coords index = 2 × vertex). Length = line count + 1. */
  offsets: Uint32Array;
  /** Per line, index into `highwayValues` of its OSM `highway` tag. */
  highway: Uint16Array;
  /** Distinct `highway` values; index 0 is '' (no tag). */
  highwayValues: string[];
  /** `[west, south, east, north]` degrees of all vertices. */
  bbox: [number, number, number, number];
  /** Source file name. */
  source: string;
  /** Credit to show with the data ('' when unknown). */
  attribution: string;
}

export interface RoadNetworkReadOptions {
  file: string;
  /** Credit for the data; default OSM_ATTRIBUTION when features carry a `highway` tag, else ''. */
  attribution?: string;
  /** Called with (features done, total) every `progressEvery` (default 1000) features and at the end. */
  onProgress?: (done: number, total: number) => void;
  progressEvery?: number;
  /** Most messages kept per list; the rest are summarised. Default 1000. */
  maxMessages?: number;
}

export interface RoadNetworkReadResult {
  /** The usable lines; null when the file has none. */
  network: RoadNetwork | null;
  /** Line features that could not be used (bad coordinates, fewer than 2 points, outside Japan). */
  errors: RowError[];
  /** Features skipped because they are not lines (points, areas), and repairs made. */
  warnings: RowError[];
  featureCount: number;
}

/** Number of lines in a network. */
export function roadLineCount(n: RoadNetwork): number {
  return n.offsets.length - 1;
}

/** The `highway` tag of line `i` ('' when none). */
export function highwayOf(n: RoadNetwork, i: number): string {
  return n.highwayValues[n.highway[i]] ?? '';
}

/** Line `i` as `[lng, lat]` positions. */
export function roadLine(n: RoadNetwork, i: number): [number, number][] {
  const out: [number, number][] = [];
  for (let v = n.offsets[i]; v < n.offsets[i + 1]; v++) out.push([n.coords[2 * v], n.coords[2 * v + 1]]);
  return out;
}

/** Every line as `[lng, lat]` positions, for `buildRoadGraph(roadLines(network))`. */
export function* roadLines(n: RoadNetwork): Generator<[number, number][]> {
  for (let i = 0; i + 1 < n.offsets.length; i++) yield roadLine(n, i);
}

/** Reads a road network from GeoJSON bytes, text or object. */
export function readRoadNetwork(input: GeoJsonInput, options: RoadNetworkReadOptions): RoadNetworkReadResult {
  const { file } = options;
  const max = options.maxMessages ?? 1000;
  const every = Math.max(1, options.progressEvery ?? 1000);
  const parsed = readGeoJsonFeatures(input, file);
  if (!parsed.ok) return { network: null, errors: [parsed.error], warnings: [], featureCount: 0 };
  const features = parsed.features;
  const total = features.length;
  const errors: RowError[] = [];
  const warnings: RowError[] = [];
  let suppressedErrors = 0, suppressedWarnings = 0;
  const err = (row: number, column: string | null, message: string) => {
    if (errors.length < max) errors.push({ file, row, column, message });
    else suppressedErrors++;
  };
  const warn = (row: number, column: string | null, message: string) => {
    if (warnings.length < max) warnings.push({ file, row, column, message });
    else suppressedWarnings++;
  };

  let coords = new Float64Array(1 << 14);
  let nv = 0;
  let offsets = new Uint32Array(1 << 10);
  let highway = new Uint16Array(1 << 10);
  let nl = 0;
  const highwayValues = [''];
  const highwayIndex = new Map<string, number>([['', 0]]);
  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
  let duplicates = 0;
  let tagged = false;

  /** Validates one polyline and appends it; returns an error message or null. */
  const addLine = (raw: unknown, label: string, tag: number): string | null => {
    if (!Array.isArray(raw)) return `${label}が座標の配列ではありません。`;
    const start = nv;
    let lx = NaN, ly = NaN;
    const need = 2 * (nv + raw.length);
    if (need > coords.length) {
      const bigger = new Float64Array(Math.max(need, coords.length * 2));
      bigger.set(coords.subarray(0, 2 * nv));
      coords = bigger;
    }
    for (let k = 0; k < raw.length; k++) {
      const p = raw[k];
      const x = Array.isArray(p) ? p[0] : undefined, y = Array.isArray(p) ? p[1] : undefined;
      if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
        nv = start;
        return `${label}の${k + 1}番目の座標が[経度, 緯度]の数値ではありません（${JSON.stringify(p)?.slice(0, 40)}）。`;
      }
      if (x === lx && y === ly) {
        duplicates++;
        continue;
      }
      coords[2 * nv] = x;
      coords[2 * nv + 1] = y;
      nv++;
      lx = x;
      ly = y;
    }
    if (nv - start < 2) {
      const distinct = nv - start;
      nv = start;
      return `${label}の異なる点が${distinct}個しかありません。線には2点以上必要です。`;
    }
    const mid = start + ((nv - start) >> 1);
    if (!isInJapan([coords[2 * mid], coords[2 * mid + 1]])) {
      const msg = outsideJapanReason(coords[2 * start], coords[2 * start + 1]);
      nv = start;
      return msg;
    }
    for (let v = start; v < nv; v++) {
      const x = coords[2 * v], y = coords[2 * v + 1];
      if (x < west) west = x;
      if (x > east) east = x;
      if (y < south) south = y;
      if (y > north) north = y;
    }
    if (nl + 2 > offsets.length) {
      const o = new Uint32Array(offsets.length * 2);
      o.set(offsets);
      offsets = o;
      const h = new Uint16Array(highway.length * 2);
      h.set(highway);
      highway = h;
    }
    offsets[nl] = start;
    highway[nl] = tag;
    nl++;
    offsets[nl] = nv;
    return null;
  };

  for (let i = 0; i < total; i++) {
    const row = i + 1;
    const f: LooseFeature = features[i];
    const where = featureLabel(i);
    const g = f?.geometry;
    if (!g || typeof g !== 'object') {
      warn(row, 'geometry', `${where}に形状（geometry）がないため読み飛ばしました。`);
    } else if (g.type === 'LineString' || g.type === 'MultiLineString') {
      const value = f.properties?.highway;
      const name = typeof value === 'string' ? value.trim().slice(0, 40) : '';
      if (name) tagged = true;
      let tag = highwayIndex.get(name);
      if (tag === undefined) {
        tag = highwayValues.length < 65535 ? highwayValues.push(name) - 1 : 0;
        highwayIndex.set(name, tag);
      }
      if (g.type === 'LineString') {
        const msg = addLine(g.coordinates, '線', tag);
        if (msg) err(row, 'geometry.coordinates', `${where}: ${msg}`);
      } else if (!Array.isArray(g.coordinates)) {
        err(row, 'geometry.coordinates', `${where}: MultiLineStringの座標が配列ではありません。`);
      } else {
        g.coordinates.forEach((part, p) => {
          const msg = addLine(part, `${p + 1}番目の線`, tag);
          if (msg) err(row, 'geometry.coordinates', `${where}: ${msg}`);
        });
      }
    } else {
      warn(row, 'geometry', `${where}は線ではなく${quoteValue(g.type)}のため読み飛ばしました（道路網にはLineStringとMultiLineStringだけを使います）。`);
    }
    if (options.onProgress && (row % every === 0 || row === total)) options.onProgress(row, total);
  }
  if (duplicates) warn(0, 'geometry', `連続する重複点を${duplicates.toLocaleString('ja-JP')}個除きました。`);
  if (suppressedErrors) errors.push({ file, row: 0, column: null, message: `ほかに${suppressedErrors.toLocaleString('ja-JP')}件の同様の誤りがあります。` });
  if (suppressedWarnings) warnings.push({ file, row: 0, column: null, message: `ほかに${suppressedWarnings.toLocaleString('ja-JP')}件の同様の指摘があります。` });
  if (nl === 0) {
    errors.push({ file, row: 0, column: null, message: '使える線（LineString / MultiLineString）が1本もありません。道路網のGeoJSONを選んでください。' });
    return { network: null, errors, warnings, featureCount: total };
  }
  const network: RoadNetwork = {
    coords: coords.slice(0, 2 * nv),
    offsets: offsets.slice(0, nl + 1),
    highway: highway.slice(0, nl),
    highwayValues,
    bbox: [west, south, east, north],
    source: file,
    attribution: options.attribution ?? (tagged ? OSM_ATTRIBUTION : ''),
  };
  return { network, errors, warnings, featureCount: total };
}
