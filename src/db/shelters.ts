import { SHELTER_EDITABLE_FIELDS, validateShelter, type Shelter, type ShelterEditableField } from '../core/shelter';
import { isOneOf } from '../core/validation';
import { putAllValidated } from './records';
import type { HinanDatabase } from './schema';

/** All shelters sorted by name. */
export async function listShelters(db: HinanDatabase): Promise<Shelter[]> {
  return (await db.shelters.toArray()).sort((a, b) => a.name.localeCompare(b.name, 'ja') || a.id.localeCompare(b.id));
}

/** What a user may change on a shelter by hand; kept over a re-import of the source file. */
export type ShelterEdit = Partial<Pick<Shelter, 'capacity' | 'notes' | 'closed'>>;

/**
 * Applies a user's edit (定員, 備考, 開設しない) to one shelter, validated, and records which fields
 * were edited so a later import of the same file keeps them. Returns the saved shelter.
 */
export async function editShelter(db: HinanDatabase, id: string, edit: ShelterEdit): Promise<Shelter> {
  return db.transaction('rw', db.shelters, async () => {
    const stored = await db.shelters.get(id);
    if (!stored) throw new Error(`避難所「${id}」が見つかりません。`);
    const fields = Object.keys(edit).filter((k): k is ShelterEditableField => isOneOf(k, SHELTER_EDITABLE_FIELDS) && edit[k] !== undefined);
    const next: Shelter = { ...stored, ...edit, edited: [...new Set([...(stored.edited ?? []), ...fields])] };
    await putAllValidated(db, db.shelters, [next], validateShelter, (s) => `避難所「${s.name || s.id}」`);
    return next;
  });
}
