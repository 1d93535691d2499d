import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Encoding from 'encoding-japanese';

/** Absolute path of a file under tests/fixtures. */
export const fixturePath = (name: string) => fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url));

/** Bytes of a fixture file. */
export const fixtureBytes = (name: string) => new Uint8Array(readFileSync(fixturePath(name)));

/** Text → Shift_JIS (cp932) bytes, encoded independently of the code under test (encoding-japanese). */
export function toShiftJis(text: string): Uint8Array {
  return Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' }));
}

/** Text → EUC-JP bytes. */
export function toEucJp(text: string): Uint8Array {
  return Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to: 'EUCJP', from: 'UNICODE' }));
}

export const utf8 = (text: string) => new TextEncoder().encode(text);
