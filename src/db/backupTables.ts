import type { Dexie, Table } from 'dexie';
import { packSection } from '../io/backup/container';
import { isRecord } from './plainValue';

/**
 * Reading and writing whole tables for backup files: rows as JSON values (typed arrays and dates
 * tagged), tables paged by primary key and packed page by page, the tables a schema version has.
 */

/** Rows per page at most (fewer when rows are big: see `packTables`). */
const MAX_PAGE_ROWS = 5000;
/** Aimed compressed size of one section, bytes: pages of big rows (polygons, road networks) get fewer rows. */
const TARGET_SECTION_BYTES = 512 * 1024;

const TYPED_ARRAYS = {
  Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array, Uint8ClampedArray,
} as const;
type TypedArrayName = keyof typeof TYPED_ARRAYS;
type TypedArray = InstanceType<(typeof TYPED_ARRAYS)[TypedArrayName]>;

/** A typed array of one of the kinds a backup keeps (by constructor name, as the file tags it). */
function isKeptTypedArray(view: ArrayBufferView): view is TypedArray {
  return view.constructor.name in TYPED_ARRAYS;
}

function isTypedArrayName(name: string): name is TypedArrayName {
  return Object.hasOwn(TYPED_ARRAYS, name);
}

/**
 * A stored value as plain JSON: a typed array becomes `{"$typedArray": "Float64Array", "values": [..]}`,
 * a `Date` becomes `{"$date": "2025-04-01T00:00:00.000Z"}` (docs/backup-format.md). Objects and arrays
 * holding neither are returned as they are (no copy).
 */
export function toJsonValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (ArrayBuffer.isView(value)) {
    if (!isKeptTypedArray(value)) throw new Error(`保存できない値の種類です（${value.constructor.name}）。`);
    return { $typedArray: value.constructor.name, values: Array.from(value) };
  }
  if (value instanceof Date) return { $date: value.toISOString() };
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (item === null || typeof item !== 'object') continue;
      const converted = toJsonValue(item);
      if (converted !== item) (copy ??= value.slice())[i] = converted;
    }
    return copy ?? value;
  }
  if (!isRecord(value)) return value;
  let copy: Record<string, unknown> | null = null;
  for (const key in value) {
    const item = value[key];
    if (item === null || typeof item !== 'object') continue;
    const converted = toJsonValue(item);
    if (converted !== item) (copy ??= { ...value })[key] = converted;
  }
  return copy ?? value;
}

/** The inverse of `toJsonValue`: tagged objects back to typed arrays and dates (in place). */
export function fromJsonValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      if (item !== null && typeof item === 'object') value[i] = fromJsonValue(item);
    }
    return value;
  }
  if (!isRecord(value)) return value;
  if (typeof value.$typedArray === 'string' && Array.isArray(value.values) && Object.keys(value).length === 2) {
    if (isTypedArrayName(value.$typedArray)) return new TYPED_ARRAYS[value.$typedArray](value.values);
  }
  if (typeof value.$date === 'string' && Object.keys(value).length === 1) return new Date(value.$date);
  for (const key in value) {
    const item = value[key];
    if (item !== null && typeof item === 'object') value[key] = fromJsonValue(item);
  }
  return value;
}


/** Progress of reading: rows done of all rows. */
export type RowProgress = (done: number, total: number) => void;

/**
 * Reads every table of `db` in ONE read transaction (a consistent snapshot), in pages by primary
 * key, and packs each page into a compressed section right away, so only compressed bytes are kept.
 * `keep(table, row)` leaves rows out (device-local meta); `append(table, lastRow)` adds rows after a
 * table's own (the backup's own 提供記録 entry, keyed after the last one read). Returns the sections
 * and rows per table.
 */
export async function packTables(
  db: Dexie,
  keep: (table: string, row: unknown) => boolean,
  onProgress?: RowProgress,
  append?: (table: string, lastRow: unknown) => unknown[],
): Promise<{ packed: Uint8Array<ArrayBuffer>[]; counts: Record<string, number> }> {
  const packed: Uint8Array<ArrayBuffer>[] = [];
  const counts: Record<string, number> = {};
  await db.transaction('r', db.tables, async () => {
    const sizes = await Promise.all(db.tables.map((t) => t.count()));
    const total = sizes.reduce((a, b) => a + b, 0);
    let done = 0;
    onProgress?.(0, total);
    for (const table of db.tables) {
      counts[table.name] = 0;
      let lastRow: unknown = undefined;
      await readPages(table, (rows) => {
        done += rows.length;
        lastRow = rows[rows.length - 1];
        const kept = rows.filter((row) => keep(table.name, row));
        if (kept.length) {
          const section = packSection(table.name, kept.map(toJsonValue));
          packed.push(section);
          counts[table.name] += kept.length;
          onProgress?.(done, total);
          return section.length;
        }
        onProgress?.(done, total);
        return 0;
      });
      const extra = append?.(table.name, lastRow) ?? [];
      if (extra.length) {
        packed.push(packSection(table.name, extra.map(toJsonValue)));
        counts[table.name] += extra.length;
      }
    }
  });
  return { packed, counts };
}

/**
 * Calls `onPage` with successive pages of `table` in primary-key order (keyed ranges, so each read
 * starts where the last ended). `onPage` returns the packed size, which sets the next page's rows.
 */
async function readPages(table: Table, onPage: (rows: unknown[]) => number): Promise<void> {
  const extractKey = table.core.schema.primaryKey.extractKey;
  if (!extractKey) throw new Error(`表 ${table.name} は主キーを行に持たないため、バックアップできません。`);
  let limit = MAX_PAGE_ROWS;
  let last: unknown = undefined;
  for (;;) {
    const range = last === undefined ? table.orderBy(':id') : table.where(':id').above(last);
    const rows = await range.limit(limit).toArray();
    if (rows.length === 0) return;
    last = extractKey(rows[rows.length - 1]);
    const bytes = onPage(rows);
    if (rows.length < limit) return;
    if (bytes > 0) limit = Math.max(1, Math.min(MAX_PAGE_ROWS, limit * 2, Math.floor((limit * TARGET_SECTION_BYTES) / bytes)));
  }
}

/** Every row of every table of `db`, read in one transaction. */
export async function readAllTables(db: Dexie): Promise<Record<string, unknown[]>> {
  const tables: Record<string, unknown[]> = {};
  await db.transaction('r', db.tables, async () => {
    for (const table of db.tables) tables[table.name] = await table.toArray();
  });
  return tables;
}

/** Rows per `bulkPut` when writing decoded tables back. */
const WRITE_BATCH_ROWS = 2000;

/** Writes `rows` into `table` in batches (inside the caller's transaction); `onBatch(rowsWritten)` after each. */
export async function putRows(table: Table, rows: readonly unknown[], onBatch?: (written: number) => void): Promise<void> {
  for (let i = 0; i < rows.length; i += WRITE_BATCH_ROWS) {
    const batch = rows.slice(i, i + WRITE_BATCH_ROWS);
    await table.bulkPut(batch);
    onBatch?.(batch.length);
  }
}
