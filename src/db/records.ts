import type { Table } from 'dexie';
import type { FieldError } from '../core/validation';
import { ValidationFailed } from './errors';
import { requestPersistentStorage } from './persistence';
import type { HinanDatabase } from './schema';

/**
 * Validates every record, then writes all of them in one transaction — or nothing if any
 * record is invalid. `label(r)` names a record in the Japanese error message.
 */
export async function putAllValidated<T extends { id: string }>(
  db: HinanDatabase,
  table: Table<T, string>,
  records: T[],
  validate: (r: T) => FieldError[],
  label: (r: T) => string,
): Promise<void> {
  assertAllValid(records, validate, label);
  await requestPersistentStorage();
  await db.transaction('rw', table, () => table.bulkPut(records));
}

/** Throws `ValidationFailed` for the first invalid record; writes nothing. */
export function assertAllValid<T>(records: readonly T[], validate: (r: T) => FieldError[], label: (r: T) => string): void {
  for (const r of records) {
    const errors = validate(r);
    if (errors.length) throw new ValidationFailed(label(r), errors);
  }
}
