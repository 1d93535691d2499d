/**
 * Floor rules written in a 指定緊急避難場所 record's 備考 (青森市: 「「洪水」「津波」では2階以上に避難」,
 * 「「洪水」「高潮」では2階以上、「津波」では3階以上に避難」, 「洪水は2階以上」): which floor of the
 * facility is the refuge for which hazard. Kept as the place's `siteFloors` so the destination shows it.
 */
import { HAZARD_LABELS, HAZARD_SHORT_LABELS, HAZARD_TYPES, type HazardType } from '../core/hazard';

/** A floor rule's floor: 「2階以上」「３階以上」. */
const FLOOR_RULE = /[0-9０-９]+\s*階以上/g;

/**
 * The floor per hazard stated in a 備考 (`{ flood: '2階以上' }`), or null when it states none. Each
 * 「N階以上」 applies to the hazards named (by GSI or short label) between it and the previous one;
 * a floor with no hazard named before it is left in the 備考 only.
 */
export function siteFloorsFromNote(note: string): Partial<Record<HazardType, string>> | null {
  const floors: Partial<Record<HazardType, string>> = {};
  let from = 0;
  for (const m of note.matchAll(FLOOR_RULE)) {
    const before = note.slice(from, m.index);
    from = m.index + m[0].length;
    const floor = m[0].replace(/\s/g, '');
    for (const h of HAZARD_TYPES) {
      if (!(h in floors) && (before.includes(HAZARD_LABELS[h]) || before.includes(HAZARD_SHORT_LABELS[h]))) floors[h] = floor;
    }
  }
  return Object.keys(floors).length ? floors : null;
}
