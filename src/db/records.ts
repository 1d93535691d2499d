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

/** Records validated between two yields to the event loop. */
const VALIDATE_SLICE = 2000;

/**
 * `assertAllValid` for 10⁵ records on the main thread: validates in slices, letting the page
 * run between them (call before opening the write transaction, which must not wait on timers).
 */
export async function assertAllValidYielding<T>(records: readonly T[], validate: (r: T) => FieldError[], label: (r: T) => string): Promise<void> {
  for (let i = 0; i < records.length; i += VALIDATE_SLICE) {
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, 0));
    assertAllValid(records.slice(i, i + VALIDATE_SLICE), validate, label);
  }
}
