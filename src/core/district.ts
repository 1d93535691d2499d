import type { Polygon, MultiPolygon } from 'geojson';
import { ErrorList, type FieldError } from './validation';

/** 地区 / 町内会 / 行政区 — the unit that prints maps, runs drills and owns a 地区カルテ. */
export interface District {
  id: string;
  name: string;
  /** Outline in WGS84 `[lng, lat]`; null when not drawn. */
  outline: Polygon | MultiPolygon | null;
  /** CSS colour used for the outline on the map. */
  color: string;
  origin: 'demo' | 'user';
}

/** Colours given to new districts in turn (imported names, imported or drawn outlines). */
export const DISTRICT_COLORS = ['#d9480f', '#1c7ed6', '#2b8a3e', '#ae3ec9', '#e67700', '#0b7285', '#c2255c', '#5f3dc4'] as const;

/** The colour for the `n`-th district (0-based). */
export function districtColor(n: number): string {
  return DISTRICT_COLORS[n % DISTRICT_COLORS.length];
}

/** Field-level errors (Japanese) for a district; empty when valid. */
export function validateDistrict(d: District): FieldError[] {
  const e = new ErrorList();
  e.requireText(d.id, 'id', 'ID', 64);
  e.requireText(d.name, 'name', '地区名', 100);
  e.check(d.outline === null || d.outline.type === 'Polygon' || d.outline.type === 'MultiPolygon', 'outline', '地区の範囲はポリゴンで指定してください。');
  e.check(/^#[0-9a-fA-F]{6}$/.test(d.color), 'color', '色は「#1a2b3c」の形で指定してください。');
  return e.errors;
}
