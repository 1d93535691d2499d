import type { ColumnMapping, MappingKind } from '../io/columnMapping';
import { isRecord, isStringArray } from './plainValue';
import type { HinanDatabase } from './schema';

/** A column mapping the user confirmed for one source (kind + header set), kept in the `meta` table. */
export interface SavedColumnMapping {
  /** mappingSignature(kind, headers). */
  signature: string;
  mapping: ColumnMapping;
  /** The file's headers as written, for showing which source this was. */
  headers: string[];
  /** ISO 8601 time of the confirmation. */
  savedAt: string;
}

const PREFIX = 'columnMapping:';

/** The meta key of a source signature (`columnMapping:<kind>:<sorted headers>`). */
const columnMappingKey = (signature: string) => `${PREFIX}${signature}`;

/** Whether a stored `meta` value is a saved mapping (the fields this module writes, the mapping's included). */
function isSavedColumnMapping(value: unknown): value is SavedColumnMapping {
  return isRecord(value) && typeof value.signature === 'string' && isColumnMapping(value.mapping) && isStringArray(value.headers) && typeof value.savedAt === 'string';
}

/** A `ColumnMapping`: columns of header names or indexes, optional `values` and `fixed` of strings. */
function isColumnMapping(value: unknown): value is ColumnMapping {
  if (!isRecord(value) || !isRecord(value.columns)) return false;
  if (!Object.values(value.columns).every((c) => typeof c === 'string' || typeof c === 'number')) return false;
  const { values, fixed } = value;
  return (values === undefined || (isRecord(values) && Object.values(values).every(isTextRecord))) && (fixed === undefined || isTextRecord(fixed));
}

/** An object whose every value is a string. */
function isTextRecord(value: unknown): value is Record<string, string> {
  return isRecord(value) && Object.values(value).every((v) => typeof v === 'string');
}

/** The saved mappings among `meta` rows (rows of another shape are left out). */
function savedMappings(entries: readonly { value: unknown }[]): SavedColumnMapping[] {
  return entries.map((e) => e.value).filter(isSavedColumnMapping);
}

/** Remembers (replaces) the mapping of a source. */
export async function saveColumnMapping(db: HinanDatabase, signature: string, mapping: ColumnMapping, headers: readonly string[], savedAt = new Date().toISOString()): Promise<void> {
  const value: SavedColumnMapping = { signature, mapping: structuredClone(mapping), headers: [...headers], savedAt };
  await db.meta.put({ key: columnMappingKey(signature), value });
}

/** The remembered mapping of a source, or null. */
export async function loadColumnMapping(db: HinanDatabase, signature: string): Promise<SavedColumnMapping | null> {
  const value = (await db.meta.get(columnMappingKey(signature)))?.value;
  return isSavedColumnMapping(value) ? value : null;
}

/** Every remembered mapping of one kind, by signature (a handful: one per source a group imports from). */
export async function loadColumnMappings(db: HinanDatabase, kind: MappingKind): Promise<Record<string, ColumnMapping>> {
  const entries = await db.meta.where('key').startsWith(`${PREFIX}${kind}:`).toArray();
  const out: Record<string, ColumnMapping> = {};
  for (const v of savedMappings(entries)) out[v.signature] = v.mapping;
  return out;
}

/** Forgets the mapping of a source (the next file with those headers asks again). */
export async function deleteColumnMapping(db: HinanDatabase, signature: string): Promise<void> {
  await db.meta.delete(columnMappingKey(signature));
}

/** Every remembered mapping (all kinds), newest first — for the list where the user can forget one. */
export async function listColumnMappings(db: HinanDatabase): Promise<SavedColumnMapping[]> {
  const entries = await db.meta.where('key').startsWith(PREFIX).toArray();
  return savedMappings(entries).sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}
