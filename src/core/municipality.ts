/**
 * Which 市区町村 a 名簿 is for, read from the text of its 住所 — the check that refuses another
 * city's file in a 名簿 update (core/rosterUpdate.ts). Pure.
 *
 * An address names its municipality only when it is written out: 「(都道府県)○○市…」,
 * 「(都道府県)○○郡○○町/村…」, 「東京都○○区…」, or, after a 都道府県, 「○○町/村…」. An address
 * that starts with the town (「栄町1-2」) names none and is not read (a 町 of a city cannot be told
 * from a 町 that is a municipality). The 都道府県 and 郡 are left out of the answer, so
 * 「福島県耶麻郡猪苗代町」 and 「猪苗代町」 are the same municipality.
 */

const PREFECTURE = /^(?:北海道|東京都|(?:京都|大阪)府|.{2,3}県)/;
const WITH_GUN = /^.+?郡(.+?[町村])/;
const CITY = /^(.+?市)/;
const TOKYO_WARD = /^(.+?区)/;
const TOWN_OR_VILLAGE = /^(.+?[町村])/;

/** Text for matching: NFKC, white space removed. */
function compact(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

/** The municipality an address names (「会津若松市」「猪苗代町」「千代田区」), or null when it names none (see the module comment). */
export function municipalityOf(address: string): string | null {
  const s = compact(address);
  const pref = s.match(PREFECTURE)?.[0] ?? null;
  const rest = pref ? s.slice(pref.length) : s;
  const gun = rest.match(WITH_GUN);
  if (gun) return gun[1];
  const city = rest.match(CITY);
  if (city) return city[1];
  if (pref === '東京都') return rest.match(TOKYO_WARD)?.[1] ?? null;
  if (pref) return rest.match(TOWN_OR_VILLAGE)?.[1] ?? null;
  return null;
}

/**
 * The municipality most of `addresses` name (the majority among the addresses that name one), or
 * null when none names one. Ties go to the first seen.
 */
export function majorityMunicipality(addresses: Iterable<string>): string | null {
  const counts = new Map<string, number>();
  let best: string | null = null;
  let bestCount = 0;
  for (const a of addresses) {
    const m = municipalityOf(a);
    if (m === null) continue;
    const n = (counts.get(m) ?? 0) + 1;
    counts.set(m, n);
    if (n > bestCount) {
      best = m;
      bestCount = n;
    }
  }
  return best;
}
