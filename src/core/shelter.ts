import { HAZARD_TYPES, HAZARD_LABELS, HAZARD_SHORT_LABELS, type HazardType } from './hazard';
import { isInJapan, type LngLat } from './geo';
import { ErrorList, type FieldError } from './validation';

/** 指定緊急避難場所 / 指定避難所 / 福祉避難所 */
export const SHELTER_KINDS = ['emergency_site', 'shelter', 'welfare_shelter'] as const;
export type ShelterKind = (typeof SHELTER_KINDS)[number];
export const SHELTER_KIND_LABELS: Record<ShelterKind, string> = {
  emergency_site: '指定緊急避難場所',
  shelter: '指定避難所',
  welfare_shelter: '福祉避難所',
};

/** 受入対象者 — whom a 福祉避難所 accepts. */
export const ACCEPT_GROUPS = ['elderly', 'disabled', 'children', 'infants', 'pregnant', 'medical_care', 'care_needed'] as const;
export type AcceptGroup = (typeof ACCEPT_GROUPS)[number];
export const ACCEPT_GROUP_LABELS: Record<AcceptGroup, string> = {
  elderly: '高齢者',
  disabled: '障がい者',
  children: '要配慮児童',
  infants: '乳幼児',
  pregnant: '妊産婦',
  medical_care: '医療的ケア',
  care_needed: '要配慮者',
};

/** A designated shelter or site. One facility may play several roles (`kinds`). */
export interface Shelter {
  /** GSI 共通ID when known, else an ID from the source. */
  id: string;
  name: string;
  address: string;
  /** Roles this facility has; never empty. */
  kinds: ShelterKind[];
  /** Hazards the site is designated for (指定緊急避難場所 flags). */
  hazards: HazardType[];
  /** Persons it can take, or null when unknown (GSI data has none). */
  capacity: number | null;
  /** 受入対象者 for 福祉避難所; empty otherwise. */
  accepts: AcceptGroup[];
  /**
   * The 受入対象者 text as written when it names none of the groups this app reads (see
   * parseAcceptGroups); absent otherwise. Such a 福祉避難所 accepts nobody in automatic planning
   * (welfareEligibility.shelterAcceptMask) until a person checks the text.
   */
  acceptsUnread?: string;
  /** `[lng, lat]` WGS84 degrees. */
  location: LngLat;
  /** 開設しない — closed for planning. */
  closed: boolean;
  notes: string;
  /**
   * Where in the facility its 指定緊急避難場所 role applies, kept from the site record's trailing
   * floor qualifier when it merged with the 指定避難所 record (「２階以上の階」); absent otherwise.
   */
  siteNote?: string;
  /**
   * Floor of the facility that is the refuge per hazard, read from the 指定緊急避難場所 record's 備考
   * (「「洪水」「津波」では2階以上に避難」 → `{ flood: '2階以上', tsunami: '2階以上' }`); absent when none.
   * Wins over `siteNote` for the hazards it names.
   */
  siteFloors?: Partial<Record<HazardType, string>>;
  /** Where the record was read: file name and 1-based data row. */
  source: { file: string; row: number };
  /** Fields the user changed by hand; a re-import of the source keeps them. */
  edited?: ShelterEditableField[];
  /** The last import of this record's source file no longer had it (flagged, not deleted). */
  vanished?: boolean;
}

/** Fields a user may edit that survive a re-import. */
export const SHELTER_EDITABLE_FIELDS = ['capacity', 'notes', 'closed'] as const;
export type ShelterEditableField = (typeof SHELTER_EDITABLE_FIELDS)[number];

/**
 * Merges a freshly imported record over the stored one: imported values win, except the fields
 * the user edited by hand; a record that reappears is no longer flagged as vanished.
 */
export function mergeReimportedShelter(stored: Shelter | undefined, imported: Shelter): Shelter {
  if (!stored) return imported;
  const merged: Shelter = { ...imported, edited: stored.edited, vanished: false };
  for (const field of stored.edited ?? []) copyShelterField(merged, stored, field);
  return merged;
}

/** Sets `to`'s editable `field` to `from`'s value (each is a primitive: nothing shared). */
export function copyShelterField<K extends ShelterEditableField>(to: Shelter, from: Shelter, field: K): void {
  to[field] = from[field];
}

/**
 * The destination as shown to people: the name, then where in the facility its site role applies
 * for the hazards the destination is for — 「○○中学校（洪水時は２階以上の階）」, 「佃小学校（洪水時は2階以上、
 * 津波時は3階以上）」 (hazards with the same floor joined with 「・」). The floor per hazard is
 * `siteFloors` (from the site's 備考), else `siteNote` (from the site's name). Without a hazard:
 * 「（避難場所としては…）」 over all the site's hazards. Hazards the site role does not cover get no note.
 * A shelter marked 開設しない ends in 「［開設しない］」.
 */
export function destinationLabel(s: Pick<Shelter, 'name' | 'siteNote' | 'siteFloors' | 'hazards'> & { closed?: boolean }, hazards?: HazardType | readonly HazardType[] | null): string {
  // A plan may still name a shelter the group has since marked 開設しない: say so wherever it is shown.
  return s.closed ? `${placeLabel(s, hazards)}［開設しない］` : placeLabel(s, hazards);
}

function placeLabel(s: Pick<Shelter, 'name' | 'siteNote' | 'siteFloors' | 'hazards'>, hazards?: HazardType | readonly HazardType[] | null): string {
  if (!s.siteNote && !s.siteFloors) return s.name;
  const list: readonly HazardType[] = typeof hazards === 'string' ? [hazards] : (hazards ?? []);
  if (list.length === 0 && !s.siteFloors) return `${s.name}（避難場所としては${s.siteNote}）`;
  const byFloor = new Map<string, HazardType[]>();
  for (const h of list.length ? list : s.hazards) {
    const floor = s.hazards.includes(h) ? (s.siteFloors?.[h] ?? s.siteNote) : undefined;
    if (floor) byFloor.set(floor, [...(byFloor.get(floor) ?? []), h]);
  }
  const words = [...byFloor].map(([floor, hs]) => `${hs.map((h) => HAZARD_SHORT_LABELS[h]).join('・')}時は${floor}`).join('、');
  if (!words) return s.name;
  return list.length ? `${s.name}（${words}）` : `${s.name}（避難場所としては${words}）`;
}

/** The role shown on the map for a facility: welfare before shelter before site. */
export function primaryKind(s: Pick<Shelter, 'kinds'>): ShelterKind {
  if (s.kinds.includes('welfare_shelter')) return 'welfare_shelter';
  if (s.kinds.includes('shelter')) return 'shelter';
  return 'emergency_site';
}

/** Field-level errors (Japanese) for a shelter; empty when valid. */
export function validateShelter(s: Shelter): FieldError[] {
  const e = new ErrorList();
  e.requireText(s.id, 'id', 'ID', 64);
  e.requireText(s.name, 'name', '施設・場所名', 200);
  e.check(Array.isArray(s.kinds) && s.kinds.length > 0, 'kinds', '避難所の種別を1つ以上指定してください。');
  e.everyOneOf(s.kinds, SHELTER_KINDS, 'kinds', '種別', SHELTER_KIND_LABELS);
  e.everyOneOf(s.hazards, HAZARD_TYPES, 'hazards', '災害種別', HAZARD_LABELS);
  e.everyOneOf(s.accepts, ACCEPT_GROUPS, 'accepts', '受入対象者', ACCEPT_GROUP_LABELS);
  e.check(s.capacity === null || (Number.isInteger(s.capacity) && s.capacity >= 0), 'capacity', '収容人数は0以上の整数で入力してください（不明なら空欄）。');
  const ok = Array.isArray(s.location) && Number.isFinite(s.location[0]) && Number.isFinite(s.location[1]);
  e.check(ok && isInJapan(s.location), 'location', '位置（緯度・経度）が日本国内にありません。');
  return e.errors;
}
