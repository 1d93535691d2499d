import Flatbush from 'flatbush';
import type { LngLat } from './geo';
import { HAZARD_SHORT_LABELS, type HazardType } from './hazard';
import type { HazardZone } from './hazardZone';
import { coveredBy, type HazardCoverage } from './hazardCoverage';
import { readAtPoint, readingAnswer, type HazardReading } from './hazardReading';
import { HAZARD_TILE_SOURCE_LABEL } from './hazardTileLayers';
import { packPolygons, pointInPackedShape, segmentTouchesPackedShape, type PackedPolygons } from './pointInPolygon';

/** One hazard zone that contains a point: the zone's position in the index, ID, hazard, depth class and name. */
export interface HazardHit {
  zone: number;
  zoneId: string;
  hazard: HazardType;
  depthClass: string | null;
  /** The zone's name as the file gives it (箇所名 and 箇所番号 when present). */
  name: string;
}

/** An answer taken from imported polygon files (国土数値情報 A31/A33…): the names of the files that answered. */
export interface PolygonSource {
  kind: 'polygons';
  /** File names (the zones' and coverages' `source`), each once. */
  files: string[];
}

/**
 * An answer read from the ハザードマップポータル's tiles (`HAZARD_TILE_SOURCE_LABEL`), stored in
 * `hazardReadings`: the Japan date of the read, `YYYY-MM-DD` (「2026-11-28 取得」).
 */
export interface TileSource {
  kind: 'tiles';
  readOn: string;
}

/**
 * The answer for one hazard at one home — never 「区域外」 without data. Each answer says where it
 * came from (`source`): imported polygons (`PolygonSource`, file names) or the portal's tiles
 * (`TileSource`, the date read). A polygon answer made by hand (tests, old records) may lack `source`.
 * - `inside` from polygons: in at least one zone of that hazard (`zones`, each zone once);
 *   from tiles: the legend classes read at the home (`classes`, most severe first, e.g. 「3.0〜5.0m」,
 *   「土砂災害警戒区域（土石流）」; `keys` their legend keys; `maxDepthM` the greatest depth class's lower bound).
 * - `outside`: polygons of that hazard are loaded and the home lies in a file's coverage, in none of
 *   them; or every tile layer of the hazard was present at the home and its pixel transparent.
 * - `no_data`: no zones of that hazard are loaded and nothing was read (`no_zones`), or the home is
 *   outside every loaded file's coverage and nothing was read (`outside_coverage`), or the home has no
 *   location (`no_location`); from tiles: no tile there (`tile_missing`, 「未整備の可能性があります」) or a
 *   colour in no legend (`tile_unreadable`, 「判定できない」). Never counted or shown as 区域外.
 */
export type HazardAnswer =
  | { hazard: HazardType; state: 'inside'; zones: HazardHit[]; source?: PolygonSource }
  | { hazard: HazardType; state: 'inside'; classes: string[]; keys: string[]; maxDepthM: number | null; source: TileSource }
  | { hazard: HazardType; state: 'outside'; source?: PolygonSource }
  | { hazard: HazardType; state: 'outside'; source: TileSource }
  | { hazard: HazardType; state: 'no_data'; why: 'no_zones' | 'outside_coverage' | 'no_location'; source?: undefined }
  | { hazard: HazardType; state: 'no_data'; why: 'tile_missing' | 'tile_unreadable'; source: TileSource };

/**
 * The three-state answer for `hazard` at a home, from the zones containing it (`hits`, any hazard;
 * duplicates by zone are dropped), the loaded files' coverage and the home's tile reading of that
 * hazard (`reading`, table `hazardReadings`; optional). `point` null: no location.
 *
 * Precedence: an imported polygon layer of the same hazard wins wherever its coverage reaches the
 * home (inside a zone → inside; in a file's coverage and no zone → outside), whatever the tiles say;
 * else the reading's answer (`readingAnswer`: inside with its classes, outside, or no_data
 * `tile_missing` / `tile_unreadable`); else as without tiles (no_zones / outside_coverage /
 * no_location). A reading of another hazard, or taken at another point than `point` (the home has
 * moved since), is not used.
 */
export function hazardAnswerAt(
  point: LngLat | null,
  hazard: HazardType,
  hits: readonly HazardHit[],
  coverage: readonly HazardCoverage[],
  reading?: Pick<HazardReading, 'hazard' | 'layers' | 'point' | 'readOn'> | null,
): HazardAnswer {
  const seen = new Set<string>();
  const zones = hits.filter((h) => h.hazard === hazard && !seen.has(h.zoneId) && seen.add(h.zoneId));
  if (zones.length) return { hazard, state: 'inside', zones, source: { kind: 'polygons', files: sourceFiles(point, hazard, coverage) } };
  if (point && coveredBy(point, hazard, coverage)) return { hazard, state: 'outside', source: { kind: 'polygons', files: sourceFiles(point, hazard, coverage) } };
  if (point && reading && reading.hazard === hazard && readAtPoint(reading, point)) return tileAnswer(hazard, reading);
  if (!coverage.some((c) => c.hazard === hazard)) return { hazard, state: 'no_data', why: 'no_zones' };
  if (!point) return { hazard, state: 'no_data', why: 'no_location' };
  return { hazard, state: 'no_data', why: 'outside_coverage' };
}

/** The files of `hazard` whose coverage holds `point` (all files of the hazard when `point` is null). */
function sourceFiles(point: LngLat | null, hazard: HazardType, coverage: readonly HazardCoverage[]): string[] {
  const files = coverage.filter((c) => c.hazard === hazard && (!point || coveredBy(point, hazard, [c]))).map((c) => c.source);
  return [...new Set(files)];
}

/** The answer a tile reading gives (`readingAnswer`), with its source. */
export function tileAnswer(hazard: HazardType, reading: Pick<HazardReading, 'layers' | 'readOn'>): HazardAnswer {
  const source: TileSource = { kind: 'tiles', readOn: reading.readOn };
  const r = readingAnswer(reading);
  if (r.state === 'inside') return { hazard, state: 'inside', classes: r.labels, keys: r.keys, maxDepthM: r.maxDepthM, source };
  if (r.state === 'outside') return { hazard, state: 'outside', source };
  return { hazard, state: 'no_data', why: r.state === 'unreadable' ? 'tile_unreadable' : 'tile_missing', source };
}

/**
 * Where an answer came from, in words: 「ハザードマップポータル（タイル）、2026-11-28 取得」 or
 * 「取り込んだ区域データ（a31.geojson）」; null when no source answered (データなし without any data).
 */
export function hazardSourceLabel(a: HazardAnswer): string | null {
  if (a.source?.kind === 'tiles') return `${HAZARD_TILE_SOURCE_LABEL}、${a.source.readOn} 取得`;
  if (a.source?.kind === 'polygons') return a.source.files.length ? `取り込んだ区域データ（${a.source.files.join('・')}）` : '取り込んだ区域データ';
  return null;
}

/** Each distinct text once, in order. */
const distinct = (xs: readonly (string | null)[]): string[] => [...new Set(xs.filter((x): x is string => !!x))];

/** Why a tile reading gave no answer, in words (never 区域外). */
export const TILE_NO_DATA_WORDS = {
  tile_missing: '未整備の可能性があります',
  tile_unreadable: '判定できない',
} as const;

/** 「判定できない」 explained once where it is counted, in plain words. */
export const TILE_UNREADABLE_EXPLAINED = '判定できない：地図の色を読み取れませんでした。紙のハザードマップで確かめてください。';

/**
 * The answer in words, the hazard named once however many zones hold the home:
 * 「土砂災害の区域内（八重：土砂災害特別警戒区域）」, 「洪水の区域外」,
 * 「洪水はデータなし（洪水の区域データが取り込まれていません）」. An answer read from the tiles
 * names its source and date: 「洪水の区域内（3.0〜5.0m）［ハザードマップポータル（タイル）、2026-11-28 取得］」,
 * 「洪水はデータなし（未整備の可能性があります）［…］」, 「洪水は判定できない（地図の色を読み取れませんでした）［…］」.
 * (An imported polygon answer names its zones; `hazardSourceLabel` names its files.)
 * `{ withSource: false }` leaves the ［…］ out, for a screen that names the sources once beside the answers.
 */
export function hazardAnswerLabel(a: HazardAnswer, options: { withSource?: boolean } = {}): string {
  const h = HAZARD_SHORT_LABELS[a.hazard];
  const tiles = options.withSource !== false && a.source?.kind === 'tiles' ? `［${hazardSourceLabel(a)}］` : '';
  if (a.state === 'inside') {
    if (!('zones' in a)) return `${h}の区域内${a.classes.length ? `（${a.classes.join('・')}）` : ''}${tiles}`;
    const names = distinct(a.zones.map((z) => z.name)).join('・');
    const classes = distinct(a.zones.map((z) => z.depthClass)).join('・');
    const detail = [names, classes].filter(Boolean).join('：');
    return `${h}の区域内${detail ? `（${detail}）` : ''}`;
  }
  if (a.state === 'outside') return `${h}の区域外${tiles}`;
  if (a.why === 'tile_unreadable') return `${h}は${TILE_NO_DATA_WORDS.tile_unreadable}（地図の色を読み取れませんでした）${tiles}`;
  if (a.why === 'tile_missing') return `${h}はデータなし（${TILE_NO_DATA_WORDS.tile_missing}）${tiles}`;
  const why = { no_zones: `${h}の区域データが取り込まれていません`, outside_coverage: `自宅が取り込んだ${h}データの範囲の外です`, no_location: '自宅の位置が未登録です' }[a.why];
  return `${h}はデータなし（${why}）`;
}

/** The classes an inside answer names: its zones' depth classes (polygons) or the legend labels read (tiles). */
export function insideClasses(a: HazardAnswer): string[] {
  if (a.state !== 'inside') return [];
  return 'zones' in a ? distinct(a.zones.map((z) => z.depthClass)) : a.classes;
}

/**
 * Counts of many homes' answers for one hazard: 区域内, 区域外, データなし (no data of any source, or
 * no tile there) and 判定できない (a tile colour in no legend) apart — the last two never with 区域外.
 * `fromTiles`: answers read from the tiles, `tilesReadOn` the latest date of those reads;
 * `zonesLoaded`: some answer came from imported polygons of the hazard (a file of it is loaded and
 * reaches a home, or the home is beyond it); `anyData`: some home has an answer from either source.
 */
export interface HazardAnswerCounts {
  inside: number;
  outside: number;
  noData: number;
  unreadable: number;
  fromTiles: number;
  tilesReadOn: string | null;
  zonesLoaded: boolean;
  anyData: boolean;
}

export function countHazardAnswers(answers: Iterable<HazardAnswer | undefined>): HazardAnswerCounts {
  const c: HazardAnswerCounts = { inside: 0, outside: 0, noData: 0, unreadable: 0, fromTiles: 0, tilesReadOn: null, zonesLoaded: false, anyData: false };
  for (const a of answers) {
    if (a?.state === 'inside') c.inside++;
    else if (a?.state === 'outside') c.outside++;
    else if (a?.state === 'no_data' && a.why === 'tile_unreadable') c.unreadable++;
    else c.noData++;
    if (!a) continue;
    if (a.source?.kind === 'tiles') {
      c.fromTiles++;
      if (!c.tilesReadOn || a.source.readOn > c.tilesReadOn) c.tilesReadOn = a.source.readOn;
    }
    if (a.source?.kind === 'polygons' || (a.state === 'no_data' && (a.why === 'outside_coverage' || a.why === 'no_location'))) c.zonesLoaded = true;
    if (a.state !== 'no_data' || a.why !== 'no_zones') c.anyData = true;
  }
  return c;
}

/**
 * A static index over hazard zones (浸水想定区域, 土砂災害警戒区域…): a flatbush R-tree over their
 * bounding boxes, then an exact ray-casting test on the few candidates. Coordinates are
 * `[lng, lat]` WGS84 degrees. Build once per imported zone set.
 */
export class HazardIndex {
  readonly zones: readonly HazardZone[];
  private readonly packed: PackedPolygons;
  private readonly tree: Flatbush | null;

  constructor(zones: readonly HazardZone[]) {
    this.zones = zones;
    this.packed = packPolygons(zones.map((z) => z.geometry));
    if (zones.length === 0) {
      this.tree = null;
      return;
    }
    const tree = new Flatbush(zones.length);
    const b = this.packed.bboxes;
    for (let i = 0; i < zones.length; i++) tree.add(b[4 * i], b[4 * i + 1], b[4 * i + 2], b[4 * i + 3]);
    tree.finish();
    this.tree = tree;
  }

  /** Positions (in `zones`) of the zones containing `[lng, lat]`, optionally of one hazard type, ascending. */
  zonesAt(point: LngLat, hazard?: HazardType): number[] {
    if (!this.tree) return [];
    const [x, y] = point;
    const hits = this.tree.search(x, y, x, y, (i) => (hazard === undefined || this.zones[i].hazard === hazard) && pointInPackedShape(x, y, this.packed, i));
    return hits.sort((a, b) => a - b);
  }

  /** The zones containing `[lng, lat]`, with hazard type and depth class. */
  hazardsAt(point: LngLat): HazardHit[] {
    return this.zonesAt(point).map((zone) => {
      const z = this.zones[zone];
      return { zone, zoneId: z.id, hazard: z.hazard, depthClass: z.depthClass, name: zoneDisplayName(z) };
    });
  }

  /**
   * Zones containing each of many points `[lng0, lat0, lng1, lat1, …]` (degrees), as CSR arrays:
   * point `i` is in zones `zones[offsets[i] .. offsets[i+1])` (ascending). Non-finite points are in none.
   */
  zonesAtPoints(points: ArrayLike<number>): { offsets: Uint32Array; zones: Uint32Array } {
    const n = points.length >> 1;
    const offsets = new Uint32Array(n + 1);
    let zones = new Uint32Array(Math.max(16, n >> 2));
    let count = 0;
    for (let i = 0; i < n; i++) {
      offsets[i] = count;
      const x = points[2 * i], y = points[2 * i + 1];
      if (!this.tree || !Number.isFinite(x) || !Number.isFinite(y)) continue;
      const hits = this.tree.search(x, y, x, y, (z) => pointInPackedShape(x, y, this.packed, z));
      if (hits.length > 1) hits.sort((a, b) => a - b);
      if (count + hits.length > zones.length) {
        const grown = new Uint32Array(Math.max(zones.length * 2, count + hits.length));
        grown.set(zones);
        zones = grown;
      }
      for (const z of hits) zones[count++] = z;
    }
    offsets[n] = count;
    return { offsets, zones: zones.slice(0, count) };
  }

  /**
   * Positions of the zones a route (`[lng, lat]` vertices in order) enters, touches or starts or
   * ends in, ascending — e.g. to warn that the way to a shelter crosses an active 浸水想定区域.
   * `active` limits the check to some zones (e.g. the scenario's hazard type).
   */
  routeCrossings(route: readonly LngLat[], active?: (zone: HazardZone) => boolean): number[] {
    if (!this.tree || route.length === 0) return [];
    const found = new Set<number>();
    const path = route.length === 1 ? [route[0], route[0]] : route;
    for (let k = 1; k < path.length; k++) {
      const [ax, ay] = path[k - 1];
      const [bx, by] = path[k];
      this.tree.search(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by), (z) => {
        if (!found.has(z) && (!active || active(this.zones[z])) && segmentTouchesPackedShape(ax, ay, bx, by, this.packed, z)) found.add(z);
        return false;
      });
    }
    return [...found].sort((a, b) => a - b);
  }
}

/** A zone's name for people: 「八重団地（103-Ⅰ-0648）」 when the file gives a 箇所番号. */
export function zoneDisplayName(z: Pick<HazardZone, 'name' | 'code'>): string {
  return z.code && !z.name.includes(z.code) ? `${z.name}（${z.code}）` : z.name;
}

/** IDs of the hazard zones that a route (`[lng, lat]` degrees) crosses; see `HazardIndex.routeCrossings`. */
export function routeCrossesHazard(route: readonly LngLat[], zones: HazardIndex | readonly HazardZone[], active?: (zone: HazardZone) => boolean): string[] {
  const index = zones instanceof HazardIndex ? zones : new HazardIndex(zones);
  return index.routeCrossings(route, active).map((z) => index.zones[z].id);
}
