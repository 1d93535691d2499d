import type { Mobility } from '../core/person';
import type { ShelterKind } from '../core/shelter';
import type { HazardType } from '../core/hazard';

/** Map colour for each mobility class (green = walks unaided … red = bedridden). */
export const MOBILITY_COLORS: Record<Mobility, string> = {
  independent: '#2e7d32',
  cane_walker: '#f9a825',
  wheelchair: '#ef6c00',
  bedridden: '#c62828',
};

/** Ring colour marking medical dependence (人工呼吸器, 在宅酸素, 透析…). */
export const MEDICAL_RING_COLOR = '#6a1b9a';

/** Ring colour marking a person shown only because 災害時モード is on (「災害時提供」). */
export const REVEALED_RING_COLOR = '#d50000';

export const SUPPORTER_COLOR = '#1565c0';

export const SHELTER_COLORS: Record<ShelterKind, string> = {
  emergency_site: '#00897b',
  shelter: '#1e5bb8',
  welfare_shelter: '#d81b60',
};

/** 優先度 A / B / C. */
export const PRIORITY_COLORS = { A: '#d32f2f', B: '#f57c00', C: '#689f38' } as const;

/** Hazard zone fill colours, close to the ハザードマップポータル conventions. */
export const HAZARD_COLORS: Record<HazardType, string> = {
  flood: '#3f7fd9',
  landslide: '#a0522d',
  storm_surge: '#7b61ff',
  earthquake: '#8d6e63',
  tsunami: '#0097a7',
  large_fire: '#e53935',
  inland_flood: '#5c9ded',
  volcano: '#6d4c41',
};
