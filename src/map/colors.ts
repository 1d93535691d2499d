import type { Mobility } from '../core/person';
import type { ShelterKind } from '../core/shelter';

/** Map colour for each mobility class (green = walks unaided … red = bedridden). */
export const MOBILITY_COLORS: Record<Mobility, string> = {
  independent: '#2e7d32',
  cane_walker: '#f9a825',
  wheelchair: '#ef6c00',
  bedridden: '#c62828',
};

/** Ring colour marking medical dependence (人工呼吸器, 在宅酸素, 透析…). */
export const MEDICAL_RING_COLOR = '#6a1b9a';

export const SUPPORTER_COLOR = '#1565c0';

export const SHELTER_COLORS: Record<ShelterKind, string> = {
  emergency_site: '#00897b',
  shelter: '#1e5bb8',
  welfare_shelter: '#d81b60',
};
