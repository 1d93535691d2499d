import type { HazardType } from './hazard';

/**
 * The national hazard-map tiles this app reads and overlays: the raster open data of the
 * ハザードマップポータルサイト (重ねるハザードマップ), 256 px PNG XYZ tiles in Web Mercator, zoom 2–17,
 * a missing tile answered 404 (no data published there). Free to use with the credit
 * 「出典：ハザードマップポータルサイト」.
 *
 * Sources (looked up in stored copies of public pages and repositories on this machine, which has no
 * internet; details and caveats in data/SOURCES.md):
 * - the credit and terms: https://disaportal.gsi.go.jp/hazardmap/faq/faq.html (出典記載例
 *   「出典：ハザードマップポータルサイト」);
 * - tile URLs and zooms: https://disaportal.gsi.go.jp/hazardmap/copyright/opendata.html (「オープンデータ」:
 *   `https://disaportaldata.gsi.go.jp/raster/<データ>/{z}/{x}/{y}.png`, ズーム 2〜17) — that page was not
 *   stored; its paths and zooms were confirmed from several independent public projects citing it;
 * - legend colours: the portal's legend images (shinsui_legend2-1.png for 浸水深; the 土砂災害警戒区域
 *   legends) as transcribed by independent public projects, agreeing with the 浸水深の配色 of
 *   国土交通省「水害ハザードマップ作成の手引き」.
 *
 * Left out because their legend could not be confirmed from a stored page: 家屋倒壊等氾濫想定区域
 * (`01_flood_l2_kaokutoukai_*`), 内水 (`02_naisui_data`), 浸水継続時間.
 */

/** The host every hazard tile comes from (the app's CSP allows exactly this one for them). */
export const HAZARD_TILE_HOST = 'https://disaportaldata.gsi.go.jp';

/** The credit shown wherever the tiles or anything read from them appear. */
export const HAZARD_TILE_CREDIT = '出典：ハザードマップポータルサイト';

/** How a reading's source is named beside its answer (distinct from imported polygons). */
export const HAZARD_TILE_SOURCE_LABEL = 'ハザードマップポータル（タイル）';

/** Highest zoom the portal publishes: reads are made at this zoom (≈ 1.2 m a pixel at lat 35°). */
export const HAZARD_TILE_MAX_ZOOM = 17;
/** Lowest zoom the portal publishes. */
export const HAZARD_TILE_MIN_ZOOM = 2;

/** One colour of a layer's legend: its RGB (0–255), what it means and, for water depth, the depth class. */
export interface LegendEntry {
  /** Stable key stored with a reading (e.g. `depth_3_5`, `debris_flow_special`). */
  key: string;
  rgb: readonly [number, number, number];
  /** The legend's words: 「3.0〜5.0m」, 「土砂災害特別警戒区域（土石流）」. */
  label: string;
  /** Water depth: the class's lower bound in metres (0 for 「0.3m未満」); null for a zone class. */
  minDepthM: number | null;
}

export type HazardTileLayerId = 'flood' | 'storm_surge' | 'tsunami' | 'debris_flow' | 'steep_slope' | 'landslide_slip';

/** One tile layer: which hazard it answers for, its name, URL path and legend. */
export interface HazardTileLayer {
  id: HazardTileLayerId;
  hazard: HazardType;
  /** The portal's name of the layer. */
  title: string;
  /** The data directory under `/raster/`. */
  path: string;
  legend: readonly LegendEntry[];
}

/**
 * 浸水深 (洪水・高潮・津波 share the colours of the 手引き). The portal's legend has six classes;
 * data made with finer classes add 「0.3m未満」 and 「0.5〜1.0m」 (津波 and some 高潮 / 洪水 data). The
 * labels are chosen to be true in both: #F7F5A9 is 「0.5m未満」 (0.3〜0.5 m where 0.3m未満 is drawn),
 * #FFD8C0 「0.5〜3.0m」 (1.0〜3.0 m where 0.5〜1.0m is drawn).
 */
export const DEPTH_LEGEND: readonly LegendEntry[] = [
  { key: 'depth_0_03', rgb: [0xff, 0xff, 0xb3], label: '0.3m未満', minDepthM: 0 },
  { key: 'depth_0_05', rgb: [0xf7, 0xf5, 0xa9], label: '0.5m未満', minDepthM: 0 },
  { key: 'depth_05_1', rgb: [0xf8, 0xe1, 0xa6], label: '0.5〜1.0m', minDepthM: 0.5 },
  { key: 'depth_05_3', rgb: [0xff, 0xd8, 0xc0], label: '0.5〜3.0m', minDepthM: 0.5 },
  { key: 'depth_3_5', rgb: [0xff, 0xb7, 0xb7], label: '3.0〜5.0m', minDepthM: 3 },
  { key: 'depth_5_10', rgb: [0xff, 0x91, 0x91], label: '5.0〜10.0m', minDepthM: 5 },
  { key: 'depth_10_20', rgb: [0xf2, 0x85, 0xc9], label: '10.0〜20.0m', minDepthM: 10 },
  { key: 'depth_20', rgb: [0xdc, 0x7a, 0xdc], label: '20.0m以上', minDepthM: 20 },
];

/** A 土砂災害 layer's two classes: 警戒区域 (yellow/orange) and 特別警戒区域 (red). */
function zoneLegend(prefix: string, kind: string, warning: readonly [number, number, number], special: readonly [number, number, number]): LegendEntry[] {
  return [
    { key: `${prefix}_warning`, rgb: warning, label: `土砂災害警戒区域（${kind}）`, minDepthM: null },
    { key: `${prefix}_special`, rgb: special, label: `土砂災害特別警戒区域（${kind}）`, minDepthM: null },
  ];
}

/** Every layer read and overlaid, in the order the overlays stack (bottom first) and legends list them. */
export const HAZARD_TILE_LAYERS: readonly HazardTileLayer[] = [
  { id: 'flood', hazard: 'flood', title: '洪水浸水想定区域（想定最大規模）', path: '01_flood_l2_shinsuishin_data', legend: DEPTH_LEGEND },
  { id: 'storm_surge', hazard: 'storm_surge', title: '高潮浸水想定区域', path: '03_hightide_l2_shinsuishin_data', legend: DEPTH_LEGEND },
  { id: 'tsunami', hazard: 'tsunami', title: '津波浸水想定', path: '04_tsunami_newlegend_data', legend: DEPTH_LEGEND },
  { id: 'debris_flow', hazard: 'landslide', title: '土砂災害警戒区域（土石流）', path: '05_dosekiryukeikaikuiki', legend: zoneLegend('debris_flow', '土石流', [0xe6, 0xc8, 0x32], [0xa5, 0x00, 0x21]) },
  { id: 'steep_slope', hazard: 'landslide', title: '土砂災害警戒区域（急傾斜地の崩壊）', path: '05_kyukeishakeikaikuiki', legend: zoneLegend('steep_slope', '急傾斜地の崩壊', [0xfa, 0xe6, 0x00], [0xfa, 0x28, 0x00]) },
  { id: 'landslide_slip', hazard: 'landslide', title: '土砂災害警戒区域（地すべり）', path: '05_jisuberikeikaikuiki', legend: zoneLegend('landslide_slip', '地すべり', [0xff, 0x99, 0x00], [0xb4, 0x00, 0x28]) },
];

/** The hazards some tile layer answers for (flood, storm_surge, tsunami, landslide). */
export const TILE_HAZARDS: readonly HazardType[] = [...new Set(HAZARD_TILE_LAYERS.map((l) => l.hazard))];

/** The layer of `id`. */
export function hazardTileLayer(id: HazardTileLayerId): HazardTileLayer {
  const layer = HAZARD_TILE_LAYERS.find((l) => l.id === id);
  if (!layer) throw new Error(`unknown hazard tile layer ${id}`);
  return layer;
}

/** The URL template of a layer for map sources: `https://disaportaldata.gsi.go.jp/raster/<path>/{z}/{x}/{y}.png`. */
export function hazardTileTemplate(layer: Pick<HazardTileLayer, 'path'>): string {
  return `${HAZARD_TILE_HOST}/raster/${layer.path}/{z}/{x}/{y}.png`;
}

/** The URL of tile `z/x/y` of a layer. */
export function hazardTileUrl(layer: Pick<HazardTileLayer, 'path'>, z: number, x: number, y: number): string {
  return `${HAZARD_TILE_HOST}/raster/${layer.path}/${z}/${x}/${y}.png`;
}

/** Water depth of a legend entry is 3 m or more (a designated site there is flagged for flood). */
export function deepWater(entry: Pick<LegendEntry, 'minDepthM'>): boolean {
  return entry.minDepthM !== null && entry.minDepthM >= 3;
}
