import type { MultiPolygon, Polygon } from 'geojson';
import { districtColor, validateDistrict, type District } from '../core/district';
import { assertAllValid, putAllValidated } from './records';
import { requestPersistentStorage } from './persistence';
import type { HinanDatabase } from './schema';

/** Saves districts (all valid, or none written). */
export function saveDistricts(db: HinanDatabase, districts: District[]): Promise<void> {
  return putAllValidated(db, db.districts, districts, validateDistrict, (d) => `地区「${d.name || d.id}」`);
}

/** All districts sorted by name. */
export async function listDistricts(db: HinanDatabase): Promise<District[]> {
  return (await db.districts.toArray()).sort((a, b) => a.name.localeCompare(b.name, 'ja'));
}

/** A named outline (`[lng, lat]` WGS84) to give a district: from an imported file or drawn on the map. */
export interface NamedOutline {
  name: string;
  outline: Polygon | MultiPolygon;
}

/**
 * Gives each named outline to the district of that name — a district a 名簿 created (地区 column,
 * no outline yet) or one drawn before, whose outline is replaced — or creates a district for a new
 * name. All or nothing, in one transaction. Returns how many were added and updated.
 */
export async function saveDistrictOutlines(db: HinanDatabase, outlines: readonly NamedOutline[]): Promise<{ added: number; updated: number }> {
  await requestPersistentStorage();
  return db.transaction('rw', db.districts, async () => {
    const stored = await db.districts.toArray();
    const byName = new Map(stored.map((d) => [d.name, d]));
    const ids = new Set(stored.map((d) => d.id));
    const out: District[] = [];
    let added = 0;
    for (const o of outlines) {
      const known = byName.get(o.name);
      if (known) {
        out.push({ ...known, outline: o.outline });
        continue;
      }
      // New districts are named by id as the 名簿 import names them (the 地区 column's text), so a later 名簿 finds them.
      let id = o.name.length <= 64 ? o.name : `地区-${stored.length + added + 1}`;
      for (let n = 2; ids.has(id); n++) id = `地区-${stored.length + added + n}`;
      ids.add(id);
      const d: District = { id, name: o.name, outline: o.outline, color: districtColor(stored.length + added), origin: 'user' };
      byName.set(o.name, d);
      out.push(d);
      added++;
    }
    assertAllValid(out, validateDistrict, (d) => `地区「${d.name || d.id}」`);
    await db.districts.bulkPut(out);
    return { added, updated: out.length - added };
  });
}
