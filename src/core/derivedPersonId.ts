/**
 * The ID of a person read from a 名簿 that has no ID column: derived from 氏名 (NFKC, spaces
 * removed) and 生年月日, so the same person gets the same ID from every such file, and a 名簿 update
 * can still pair them with the store (core/rosterMatch.ts matches them by 氏名+生年月日 and keeps the
 * stored ID — a derived ID never replaces the city's). Pure.
 */
import { normalizeName } from './rosterMatch';

/** The prefix that marks a derived ID (never written by a city: lower-case ASCII and a hyphen). */
const PREFIX = 'nb-';

/** FNV-1a over UTF-16 code units with the given offset basis, as an unsigned 32-bit number. */
function fnv1a(text: string, basis: number): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** `nb-` and 16 hex digits (two independent 32-bit hashes) of 氏名 and 生年月日 (`YYYY-MM-DD`). */
export function derivedPersonId(name: string, birthDate: string): string {
  const key = `${normalizeName(name)}|${birthDate}`;
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  return `${PREFIX}${hex(fnv1a(key, 0x811c9dc5))}${hex(fnv1a(key, 0x050c5d1f))}`;
}

/** True for an ID made by `derivedPersonId` (the file had no ID column). */
export function isDerivedPersonId(id: string): boolean {
  return id.startsWith(PREFIX) && id.length === PREFIX.length + 16;
}
