import type { Polygon, MultiPolygon } from 'geojson';
import { HAZARD_TYPES, HAZARD_LABELS, type HazardType } from './hazard';
import { ErrorList, type FieldError } from './validation';

/** 浸水想定区域, 土砂災害警戒区域… — an imported hazard polygon. */
export interface HazardZone {
  id: string;
  hazard: HazardType;
  /** Depth or zone class as written in the source (e.g. `0.5-3.0m`, `特別警戒区域`), or null. */
  depthClass: string | null;
  name: string;
  /** 箇所番号 / 区域番号 as the file gives it (not unique: 警戒 and 特別警戒 share one), or null. */
  code?: string | null;
  /** WGS84 `[lng, lat]` polygon. */
  geometry: Polygon | MultiPolygon;
  /** `[west, south, east, north]` degrees, for the spatial index. */
  bbox: [number, number, number, number];
  /** Source file name. */
  source: string;
}

/** Field-level errors (Japanese) for a hazard zone; empty when valid. */
export function validateHazardZone(z: HazardZone): FieldError[] {
  const e = new ErrorList();
  e.requireText(z.id, 'id', 'ID', 128);
  e.oneOf(z.hazard, HAZARD_TYPES, 'hazard', '災害種別', HAZARD_LABELS);
  e.check(z.geometry?.type === 'Polygon' || z.geometry?.type === 'MultiPolygon', 'geometry', '区域はポリゴンまたはマルチポリゴンで指定してください。');
  const [w, s, east, n] = z.bbox ?? [];
  e.check(w <= east && s <= n, 'bbox', '区域の範囲（bbox）が不正です。');
  return e.errors;
}
