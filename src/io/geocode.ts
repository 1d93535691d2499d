/**
 * Offline geocoding against imported 位置参照情報 (positionReference.ts): address → `[lng, lat]`
 * WGS84 degrees at 街区 level when the 街区符号 / 地番 is found, else at 大字・町丁目 level (the
 * town's point from a 大字・町丁目レベル file, or the mean of its 街区 points), else no match.
 * Never guesses: every result that is not a 街区 match says why, in Japanese.
 *
 * Matching: both sides go through normalizeAddress; the 都道府県 and a known 市区町村 are removed;
 * the longest known town name (大字・町丁目名 + 小字・通称名) that starts the rest is taken
 * (「南3丁目」 is also found when written 「南3-」); the first number after it is the 街区符号.
 */
import { normalizeAddress, splitBlockNumbers, splitCity, splitPrefecture } from './addressNormalize';
import type { PositionReferenceRecord } from './positionReference';
import { quoteValue } from './quote';

export type GeocodeLevel = 'block' | 'town';

export interface GeocodeResult {
  /** WGS84 degrees; null when not matched. */
  lng: number | null;
  lat: number | null;
  /** 'block' = 街区 / 地番, 'town' = 大字・町丁目, null = not placed. */
  level: GeocodeLevel | null;
  /** The reference place used, as written in the 位置参照情報 (「福島県会津若松市一箕町大字亀賀 北柳原 12」); '' when none. */
  matched: string;
  /** Why the result is not a 街区 match (or no match at all); null for a 街区 match. */
  reason: string | null;
}

interface Point {
  lng: number;
  lat: number;
  representative: boolean;
}

interface TownNode {
  prefecture: string;
  city: string;
  town: string;
  koaza: string;
  /** Block key (normalised 街区符号, and its first number) → point. */
  blocks: Map<string, Point>;
  /** Point from a 大字・町丁目レベル record. */
  townPoint: { lng: number; lat: number } | null;
  sumLng: number;
  sumLat: number;
  count: number;
}

interface CityNode {
  name: string;
  /** Normalised town key → towns with that key (more than one = ambiguous). */
  towns: Map<string, TownNode[]>;
  maxKeyLength: number;
}

/** A lookup structure built once from 位置参照情報 records (街区 and/or 大字・町丁目 level). */
export interface GeocodeIndex {
  cities: Map<string, CityNode>;
  prefectures: Set<string>;
  blockCount: number;
  townCount: number;
}

function blockKeys(block: string): string[] {
  const n = normalizeAddress(block);
  const first = n.match(/^\d+/)?.[0];
  const keys = [n];
  if (first !== undefined) {
    const canonical = String(Number(first)) + n.slice(first.length);
    if (canonical !== n) keys.push(canonical);
    if (canonical !== String(Number(first))) keys.push(String(Number(first)));
  }
  return keys;
}

/** Builds the index. Several records for the same 街区: the one with 代表フラグ = 1 wins, else the first. */
export function buildGeocodeIndex(records: readonly PositionReferenceRecord[]): GeocodeIndex {
  const index: GeocodeIndex = { cities: new Map(), prefectures: new Set(), blockCount: 0, townCount: 0 };
  const cityOf = (r: PositionReferenceRecord): CityNode => {
    const key = normalizeAddress(r.city);
    let c = index.cities.get(key);
    if (!c) {
      c = { name: r.city, towns: new Map(), maxKeyLength: 0 };
      index.cities.set(key, c);
    }
    return c;
  };
  const nodeOf = (c: CityNode, r: PositionReferenceRecord, koaza: string): TownNode => {
    const key = normalizeAddress(r.town + koaza);
    let list = c.towns.get(key);
    let node = list?.find((t) => t.town === r.town && t.koaza === koaza);
    if (!node) {
      node = { prefecture: r.prefecture, city: r.city, town: r.town, koaza, blocks: new Map(), townPoint: null, sumLng: 0, sumLat: 0, count: 0 };
      index.townCount++;
      if (list) list.push(node);
      else {
        list = [node];
        c.towns.set(key, list);
        const alias = key.match(/^(.*\d)丁目$/);
        if (alias && !c.towns.has(`${alias[1]}-`)) c.towns.set(`${alias[1]}-`, list);
        c.maxKeyLength = Math.max(c.maxKeyLength, key.length);
      }
    }
    return node;
  };
  for (const r of records) {
    if (r.prefecture) index.prefectures.add(normalizeAddress(r.prefecture));
    const city = cityOf(r);
    if (r.level === 'town' || r.block === null) {
      // A 小字 point (Geolonia 住所データ, アドレス・ベース・レジストリ) is its own place under its 大字.
      nodeOf(city, r, r.level === 'town' ? r.koaza : '').townPoint = { lng: r.lng, lat: r.lat };
      continue;
    }
    const node = nodeOf(city, r, r.koaza);
    const keys = blockKeys(r.block);
    if (!node.blocks.has(keys[0])) index.blockCount++;
    for (const key of keys) {
      const old = node.blocks.get(key);
      if (!old || (!old.representative && r.representative)) node.blocks.set(key, { lng: r.lng, lat: r.lat, representative: r.representative });
    }
    node.sumLng += r.lng;
    node.sumLat += r.lat;
    node.count++;
    if (r.koaza) {
      const parent = nodeOf(city, r, '');
      parent.sumLng += r.lng;
      parent.sumLat += r.lat;
      parent.count++;
    }
  }
  return index;
}

function placeName(t: TownNode, block?: string): string {
  return `${t.prefecture}${t.city}${t.town}${t.koaza ? ` ${t.koaza}` : ''}${block ? ` ${block}` : ''}`;
}

function townLevel(t: TownNode, reason: string): GeocodeResult {
  const p = t.townPoint ?? (t.count ? { lng: t.sumLng / t.count, lat: t.sumLat / t.count } : null);
  if (!p) return { lng: null, lat: null, level: null, matched: '', reason };
  const how = t.townPoint ? '大字・町丁目の代表点' : `${t.count}か所の街区の平均位置`;
  return { lng: p.lng, lat: p.lat, level: 'town', matched: placeName(t), reason: `${reason}町丁目の位置（${how}）に置きました。地図で確かめてください。` };
}

const none = (reason: string): GeocodeResult => ({ lng: null, lat: null, level: null, matched: '', reason });

/** Places one address (as written by people: 全角数字, 漢数字, 「の」, 「番地」, 大字 omitted…). */
export function geocodeAddress(index: GeocodeIndex, address: string): GeocodeResult {
  const normalized = normalizeAddress(address);
  if (normalized === '') return none('住所が空欄です。');
  if (index.cities.size === 0) return none('位置参照情報が読み込まれていません。');
  const { prefecture, rest: afterPref } = splitPrefecture(normalized);
  if (prefecture && index.prefectures.size && !index.prefectures.has(prefecture)) {
    return none(`${quoteValue(prefecture)}の位置参照情報が読み込まれていません（読み込み済み: ${[...index.prefectures].join('、')}）。`);
  }
  const cityNames = [...index.cities.values()].map((c) => c.name);
  const split = splitCity(afterPref, cityNames);
  const candidates = split ? [{ city: index.cities.get(normalizeAddress(split.city))!, rest: split.rest }] : [...index.cities.values()].map((city) => ({ city, rest: afterPref }));

  let best: { towns: TownNode[]; rest: string; length: number } | null = null;
  let tie: TownNode[] = [];
  for (const { city, rest } of candidates) {
    for (let len = Math.min(city.maxKeyLength + 1, rest.length); len > 0; len--) {
      const towns = city.towns.get(rest.slice(0, len));
      if (!towns) continue;
      if (!best || len > best.length) {
        best = { towns, rest: rest.slice(len), length: len };
        tie = [];
      } else if (len === best.length) tie = tie.concat(towns);
      break;
    }
  }
  if (!best) {
    const where = split ? `${split.city}に` : `読み込み済みの位置参照情報（${cityNames.slice(0, 5).join('、')}${cityNames.length > 5 ? '…' : ''}）に`;
    return none(`町名が${where}見つかりません（「${(split?.rest ?? afterPref).slice(0, 16)}」）。町名の書き間違いか、別の市区町村の住所ではないか確かめてください。`);
  }
  const towns = best.towns.concat(tie);
  if (towns.length > 1) {
    return none(`同じ町名が複数あります（${towns.slice(0, 4).map((t) => placeName(t)).join('、')}）。市区町村名や小字を書いて区別してください。`);
  }
  const town = towns[0];
  const { numbers } = splitBlockNumbers(best.rest);
  if (numbers.length === 0) {
    if (best.rest === '') return townLevel(town, '街区符号・番地が書かれていません。');
    return townLevel(town, `「${best.rest.slice(0, 12)}」を小字・街区符号として読めません。`);
  }
  const tries = numbers.length > 1 ? [`${numbers[0]}-${numbers[1]}`, String(numbers[0])] : [String(numbers[0])];
  for (const key of tries) {
    const p = town.blocks.get(key);
    if (p) return { lng: p.lng, lat: p.lat, level: 'block', matched: placeName(town, key), reason: null };
  }
  const hint = town.koaza === '' && town.blocks.size === 0 ? '（小字を書くと街区まで特定できることがあります）' : '';
  return townLevel(town, `街区符号・地番${quoteValue(numbers[0])}が「${town.town}${town.koaza}」の位置参照情報にありません${hint}。`);
}

/** Places many addresses, calling `onProgress(done, total)` every `every` addresses (default 1000). */
export function geocodeAll(index: GeocodeIndex, addresses: readonly string[], onProgress?: (done: number, total: number) => void, every = 1000): GeocodeResult[] {
  const out: GeocodeResult[] = [];
  for (let i = 0; i < addresses.length; i++) {
    out.push(geocodeAddress(index, addresses[i]));
    if (onProgress && ((i + 1) % every === 0 || i + 1 === addresses.length)) onProgress(i + 1, addresses.length);
  }
  return out;
}
