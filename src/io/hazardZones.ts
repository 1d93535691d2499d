/**
 * Hazard-zone GeoJSON (国土数値情報 A31 洪水浸水想定区域, A33 土砂災害警戒区域, PLATEAU, any
 * GIS export of Polygon / MultiPolygon in `[lng, lat]` degrees) → HazardZone records with the
 * hazard type the user chose, a depth / zone class when the file has one (see hazardDepth.ts),
 * ID, name and 箇所番号 from the file's attributes (hazardZoneIdentity.ts), a bbox, and the
 * file's coverage (the extent of all its zones: where a home in none of them is 「区域外」), and the hazard
 * type the file's own attributes state (hazardDepth.ts fileHazardType), for the import screen to compare. Invalid geometries are reported per feature; trivially fixable ones are repaired
 * and the repair is reported. Pure: runs in Node and in a Web Worker.
 */
import { isInJapan } from '../core/geo';
import type { HazardType } from '../core/hazard';
import type { HazardZone } from '../core/hazardZone';
import { coverageOfZones, type HazardCoverage } from '../core/hazardCoverage';
import { featureLabel, outsideJapanReason, readGeoJsonFeatures, type GeoJsonInput, type LooseFeature } from './geojsonInput';
import { depthClassOf, detectDepthProperty, fileHazardType, type FileHazardType } from './hazardDepth';
import { zoneCodeOf, zoneIdPrefix, zoneIdsOf, zoneNameOf } from './hazardZoneIdentity';
import { cleanRing, describeRepairs, emptyRepairCounts, findSelfIntersection } from './polygonRepair';
import type { ReadResult, RowError } from './rowError';
import { quoteValue } from './quote';

export interface HazardZoneReadOptions {
  /** File name, used in messages and as each zone's `source`. */
  file: string;
  /** Hazard type the user chose for every zone of the file. */
  hazard: HazardType;
  /** Property to read the depth / zone class from; detected when omitted (null: none). */
  depthProperty?: string | null;
  /** Prefix of generated zone IDs (default: the file name without extension). */
  idPrefix?: string;
  /** Called with (features done, total) every `progressEvery` features and once at the end. */
  onProgress?: (done: number, total: number) => void;
  /** Default 1000. */
  progressEvery?: number;
  /** Most messages kept per list (errors, repairs, warnings); the rest are summarised. Default 1000. */
  maxMessages?: number;
}

export interface HazardZoneReadResult extends ReadResult<HazardZone> {
  /** Features that were repaired and kept, saying what was repaired. */
  repairs: RowError[];
  /** Features kept as they are but worth checking (self-intersections, unknown depth codes). */
  warnings: RowError[];
  /** Property the depth class was read from, or null. */
  depthProperty: string | null;
  /** Number of features in the file. */
  featureCount: number;
  /** The area the file answers for (the extent of its zones), or null when it has none. */
  coverage: HazardCoverage | null;
  /** The hazard type the file's own attributes state, or null when they do not (compare with `hazard`). */
  fileHazard: FileHazardType | null;
}

/** Collects messages up to a limit, then counts the rest. */
class MessageList {
  readonly items: RowError[] = [];
  private extra = 0;
  constructor(private readonly file: string, private readonly max: number) {}
  add(row: number, column: string | null, message: string): void {
    if (this.items.length < this.max) this.items.push({ file: this.file, row, column, message });
    else this.extra++;
  }
  done(): RowError[] {
    if (this.extra) this.items.push({ file: this.file, row: 0, column: null, message: `ほかに${this.extra.toLocaleString('ja-JP')}件の同様の指摘があります（先頭${this.max.toLocaleString('ja-JP')}件だけを表示しています）。` });
    return this.items;
  }
}

/**
 * Reads hazard zones from GeoJSON bytes, text or object. Records hold only usable zones
 * (repaired ones included); `errors` lists features that could not be used.
 */
export function readHazardZones(input: GeoJsonInput, options: HazardZoneReadOptions): HazardZoneReadResult {
  const { file, hazard } = options;
  const every = Math.max(1, options.progressEvery ?? 1000);
  const max = options.maxMessages ?? 1000;
  const parsed = readGeoJsonFeatures(input, file);
  if (!parsed.ok) return { records: [], errors: [parsed.error], repairs: [], warnings: [], depthProperty: null, featureCount: 0, coverage: null, fileHazard: null };
  const features = parsed.features;
  const total = features.length;
  const depthProperty = options.depthProperty === undefined ? detectDepthProperty(features) : options.depthProperty;
  const prefix = options.idPrefix ?? zoneIdPrefix(file);
  const errors = new MessageList(file, max);
  const repairs = new MessageList(file, max);
  const warnings = new MessageList(file, max);
  const unknownCodes = new Set<string>();
  const ids = zoneIdsOf(features, prefix);
  const records: HazardZone[] = [];

  for (let i = 0; i < total; i++) {
    const row = i + 1;
    const feature = features[i];
    const zone = readOne(feature, i);
    if (zone) {
      zone.id = ids[i];
      records.push(zone);
    }
    if (options.onProgress && (row % every === 0 || row === total)) options.onProgress(row, total);
  }

  function readOne(feature: LooseFeature, i: number): HazardZone | null {
    const row = i + 1;
    const where = featureLabel(i);
    if (!feature || typeof feature !== 'object') {
      errors.add(row, null, `${where}が地物（Feature）ではありません。`);
      return null;
    }
    const g = feature.geometry;
    if (!g || typeof g !== 'object') {
      errors.add(row, 'geometry', `${where}に形状（geometry）がありません。区域のポリゴンが必要です。`);
      return null;
    }
    if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') {
      errors.add(row, 'geometry', `${where}の形状が${quoteValue(g.type)}です。区域はPolygonまたはMultiPolygonで指定してください。`);
      return null;
    }
    const counts = emptyRepairCounts();
    const partsIn: unknown[] = g.type === 'Polygon' ? [g.coordinates] : Array.isArray(g.coordinates) ? g.coordinates : [g.coordinates];
    const parts: number[][][][] = [];
    let firstDegenerate: string | null = null;
    let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
    for (let p = 0; p < partsIn.length; p++) {
      const rings = partsIn[p];
      const partLabel = g.type === 'MultiPolygon' ? `${p + 1}番目のポリゴンの` : '';
      if (!Array.isArray(rings) || rings.length === 0) {
        errors.add(row, 'geometry.coordinates', `${where}の${partLabel || 'ポリゴンの'}座標がありません（輪の配列が必要です）。`);
        return null;
      }
      const kept: number[][][] = [];
      let partDropped = false;
      for (let r = 0; r < rings.length; r++) {
        const label = `${partLabel}${r === 0 ? '外周' : `${r}番目の穴`}`;
        const res = cleanRing(rings[r], label, counts);
        if (res.ok) {
          kept.push(res.ring);
          continue;
        }
        if (!res.degenerate) {
          errors.add(row, 'geometry.coordinates', `${where}: ${res.message}`);
          return null;
        }
        firstDegenerate ??= res.message;
        if (r === 0) {
          partDropped = true;
          break;
        }
        counts.droppedHoles++;
      }
      if (partDropped) {
        counts.droppedParts++;
        continue;
      }
      for (const [x, y] of kept[0]) {
        if (x < west) west = x;
        if (x > east) east = x;
        if (y < south) south = y;
        if (y > north) north = y;
      }
      parts.push(kept);
    }
    if (parts.length === 0) {
      errors.add(row, 'geometry.coordinates', `${where}: ${firstDegenerate ?? '使えるポリゴンがありません。'} 区域として使えません。`);
      return null;
    }
    if (!isInJapan([(west + east) / 2, (south + north) / 2])) {
      const [x, y] = parts[0][0][0];
      errors.add(row, 'geometry.coordinates', `${where}: ${outsideJapanReason(x, y)}`);
      return null;
    }
    const repaired = describeRepairs(counts);
    if (repaired) repairs.add(row, 'geometry', `${where}を修復しました: ${repaired}`);
    for (let p = 0; p < parts.length; p++) {
      const at = findSelfIntersection(parts[p]);
      if (at) {
        const partLabel = parts.length > 1 ? `${p + 1}番目のポリゴン` : 'ポリゴン';
        warnings.add(row, 'geometry', `${where}の${partLabel}の辺が交差しています（経度${at[0].toFixed(6)}、緯度${at[1].toFixed(6)}付近）。このまま取り込みますが、交差付近の判定が不正確になることがあります。元のデータの修正をおすすめします。`);
        break;
      }
    }
    const props = feature.properties ?? null;
    let depthClass: string | null = null;
    if (depthProperty && props) {
      const d = depthClassOf(depthProperty, props[depthProperty]);
      depthClass = d.label;
      if (!d.known && d.label !== null && !unknownCodes.has(d.label)) {
        unknownCodes.add(d.label);
        warnings.add(row, depthProperty, `${where}の${quoteValue(depthProperty)}の値${quoteValue(d.label)}は既知のコードではありません。書かれたとおりに深さ・区分として記録します。`);
      }
    }
    const geometry = g.type === 'Polygon' ? { type: 'Polygon' as const, coordinates: parts[0] } : { type: 'MultiPolygon' as const, coordinates: parts };
    return {
      id: '',
      hazard,
      depthClass,
      name: zoneNameOf(props) ?? `${file} ${where}`,
      code: zoneCodeOf(props),
      geometry,
      bbox: [west, south, east, north],
      source: file,
    };
  }

  const coverage = coverageOfZones(records)[0] ?? null;
  return { records, errors: errors.done(), repairs: repairs.done(), warnings: warnings.done(), depthProperty, featureCount: total, coverage, fileHazard: fileHazardType(features) };
}
