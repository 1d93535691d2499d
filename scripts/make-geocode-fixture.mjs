#!/usr/bin/env node
/**
 * Builds the offline-geocoding fixtures in tests/fixtures/geocode/ from the real 会津若松市 town
 * points in data/reference/towns_072028_aizuwakamatsu.json (Geolonia 住所データ, CC BY 4.0):
 *
 * - gaiku_072028_aizuwakamatsu_sjis.csv — a 街区レベル位置参照情報 in the MLIT column layout,
 *   Shift_JIS, CRLF, every field quoted. The 街区符号 1..N around each town point are FABRICATED
 *   (seeded, deterministic): N = 1..8, each 60–350 m from the town point.
 * - oaza_072028_aizuwakamatsu_sjis.csv — a 大字・町丁目レベル file of the same towns (real points).
 * - addresses_messy_072028.csv — 125 addresses written the ways people write them (全角数字,
 *   漢数字, 「の」, 大字 omitted, 「番地」「番」「-」, spaces, building names…) with the expected
 *   place; the last 5 are deliberately not placeable at 街区 level.
 *
 * Run: node scripts/make-geocode-fixture.mjs   (same output every run)
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import proj4 from 'proj4';
import Encoding from 'encoding-japanese';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'tests/fixtures/geocode');
mkdirSync(outDir, { recursive: true });

/** mulberry32: small seeded PRNG → [0, 1). */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(72028);
const randInt = (n) => Math.floor(rand() * n);

const ZONE_IX = '+proj=tmerc +lat_0=36 +lon_0=139.8333333333333 +k=0.9999 +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs';
const towns = JSON.parse(readFileSync(join(root, 'data/reference/towns_072028_aizuwakamatsu.json'), 'utf8'));

const q = (v) => `"${String(v).replace(/"/g, '""')}"`;
const toSjis = (text) => {
  const codes = Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' });
  const bytes = Uint8Array.from(codes);
  // every character must survive the round trip (no '?' substitutions)
  const back = Encoding.codeToString(Encoding.convert(Array.from(bytes), { to: 'UNICODE', from: 'SJIS' }));
  if (back !== text) throw new Error('Shift_JIS round trip failed');
  return bytes;
};

// ---- 街区レベル ----
const GAIKU_HEADER = ['都道府県名', '市区町村名', '大字・町丁目名', '小字・通称名', '街区符号・地番', '座標系番号', 'Ｘ座標', 'Ｙ座標', '緯度', '経度', '住居表示フラグ', '代表フラグ', '更新前履歴フラグ', '更新後履歴フラグ'];
const blocks = []; // {town, koaza, block, lng, lat}
const gaikuLines = [GAIKU_HEADER.map(q).join(',')];
for (const t of towns) {
  const n = 1 + randInt(8);
  for (let b = 1; b <= n; b++) {
    const dist = 60 + rand() * 290;
    const ang = rand() * 2 * Math.PI;
    const lat = +(t.lat + (dist * Math.sin(ang)) / 111320).toFixed(6);
    const lng = +(t.lng + (dist * Math.cos(ang)) / (111320 * Math.cos((t.lat * Math.PI) / 180))).toFixed(6);
    const [e, nn] = proj4('WGS84', ZONE_IX, [lng, lat]);
    blocks.push({ town: t.town, koaza: t.koaza, block: b, lng, lat, n });
    gaikuLines.push([
      '福島県', '会津若松市', t.town, t.koaza, b, 9, nn.toFixed(1), e.toFixed(1), lat.toFixed(6), lng.toFixed(6),
      t.town.includes('丁目') ? 1 : 0, 1, 0, 0,
    ].map(q).join(','));
  }
}
writeFileSync(join(outDir, 'gaiku_072028_aizuwakamatsu_sjis.csv'), toSjis(gaikuLines.join('\r\n') + '\r\n'));

// ---- 大字・町丁目レベル ----
const OAZA_HEADER = ['都道府県コード', '都道府県名', '市区町村コード', '市区町村名', '大字町丁目コード', '大字町丁目名', '緯度', '経度', '原典資料コード', '大字・字・丁目区分コード'];
const oazaLines = [OAZA_HEADER.map(q).join(',')];
const seenTown = new Set();
let townSeq = 0;
for (const t of towns) {
  if (seenTown.has(t.town)) continue;
  seenTown.add(t.town);
  const point = towns.find((x) => x.town === t.town && x.koaza === '') ?? t;
  townSeq++;
  oazaLines.push(['07', '福島県', '07202', '会津若松市', `07202${String(townSeq).padStart(4, '0')}000`, t.town, point.lat.toFixed(6), point.lng.toFixed(6), 1, t.town.includes('丁目') ? 3 : 1].map(q).join(','));
}
writeFileSync(join(outDir, 'oaza_072028_aizuwakamatsu_sjis.csv'), toSjis(oazaLines.join('\r\n') + '\r\n'));

// ---- messy addresses ----
const KD = '〇一二三四五六七八九';
/** 12 → 十二, 105 → 百五 (independent of src/io/addressNormalize.ts). */
function kanji(n) {
  if (n === 0) return '〇';
  let s = '';
  const h = Math.floor(n / 100), tn = Math.floor((n % 100) / 10), o = n % 10;
  if (h) s += (h > 1 ? KD[h] : '') + '百';
  if (tn) s += (tn > 1 ? KD[tn] : '') + '十';
  if (o) s += KD[o];
  return s;
}
const fw = (s) => String(s).replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
const DASHES = ['－', 'ー', '‐', '―', '−', '-'];

const STYLES = [
  ['正式', (a) => `福島県会津若松市${a.town}${a.koaza ? `字${a.koaza}` : ''}${a.block}番地${a.h}`],
  ['全角数字', (a) => `会津若松市${a.townA}${a.koaza}${fw(a.block)}番地${fw(a.h)}`],
  ['漢数字', (a) => `会津若松市${a.townK}${a.koaza}${kanji(a.block)}番地の${kanji(a.h)}`],
  ['「の」', (a) => `会津若松市${a.town}${a.koaza}${a.block}の${a.h}`],
  ['大字なし', (a) => `会津若松市${a.town.replace('大字', '')}${a.koaza}${a.block}-${a.h}`],
  ['番・号', (a) => `会津若松市${a.town}${a.koaza}${a.block}番${a.h}号`],
  ['ダッシュ各種', (a) => `会津若松市${a.town}${a.koaza}${a.block}${DASHES[a.i % DASHES.length]}${a.h}`],
  ['全角スペース', (a) => `福島県　会津若松市　${a.town}　${a.koaza}　${fw(a.block)}－${fw(a.h)}`],
  ['建物名つき', (a) => `会津若松市${a.town}${a.koaza}${a.block}-${a.h} コーポ鶴ヶ城${fw(101 + a.i)}号室`],
  ['市名なし', (a) => `${a.town.replace('大字', '')}${a.koaza ? `字${a.koaza}` : ''}${fw(a.block)}番地`],
  ['郵便番号つき', (a) => `〒965-00${String(a.i % 90).padStart(2, '0')} 福島県会津若松市${a.town}${a.koaza}${a.block}-${a.h}`],
  ['番地のみ', (a) => `会津若松市${a.town}${a.koaza}${a.block}番地`],
  ['丁目ハイフン', (a) => `会津若松市${a.townDash}${a.block}-${a.h}`],
  ['異体字・小書き', (a) => `会津若松市${a.town}${a.koazaVariant}${a.block}番地${a.h}`],
];

const chome = (town) => town.match(/^(.*?)([一二三四五六七八九十]+)丁目$/);
const arabicChome = (town) => {
  const m = chome(town);
  if (!m) return town;
  const v = [...m[2]].reduce((acc, c) => (c === '十' ? (acc || 1) * 10 : acc + KD.indexOf(c)), 0);
  return `${m[1]}${v}丁目`;
};
const dashChome = (town) => {
  const m = chome(town);
  if (!m) return null;
  return arabicChome(town).replace(/丁目$/, '-');
};
const variant = (k) => k.replace(/ケ/g, 'ヶ').replace(/ノ/g, 'の').replace(/之/g, 'ノ').replace(/館/g, '舘');

const rows = [['address', 'style', 'expected_level', 'expected_lng', 'expected_lat', 'expected_place']];
const picked = new Set();
let i = 0;
while (rows.length < 121) {
  const b = blocks[randInt(blocks.length)];
  const key = `${b.town}|${b.koaza}|${b.block}`;
  if (picked.has(key)) continue;
  const [style, render] = STYLES[i % STYLES.length];
  if (style === '丁目ハイフン' && !dashChome(b.town)) continue;
  if (style === '異体字・小書き' && variant(b.koaza) === b.koaza) continue;
  picked.add(key);
  const a = {
    ...b,
    i,
    h: 1 + randInt(30),
    townK: b.town,
    townA: fw(arabicChome(b.town)),
    townDash: dashChome(b.town) ?? b.town,
    koazaVariant: variant(b.koaza),
  };
  rows.push([render(a), style, 'block', b.lng.toFixed(6), b.lat.toFixed(6), `${b.town}${b.koaza ? ` ${b.koaza}` : ''} ${b.block}`]);
  i++;
}

// Deliberately not placeable at 街区 level (the "rest", listed with reasons):
const some = blocks.find((x) => x.town === '中町') ?? blocks[0];
rows.push(['会津若松市存在しない町1-2', '存在しない町名', 'none', '', '', '']);
rows.push(['福島県郡山市朝日一丁目1番1号', '別の市', 'none', '', '', '']);
rows.push(['宮城県仙台市青葉区国分町2-1-1', '別の県', 'none', '', '', '']);
rows.push([`会津若松市${some.town}${some.n + 40}番地`, '存在しない街区', 'town', '', '', some.town]);
rows.push([`会津若松市${some.town}`, '番地なし', 'town', '', '', some.town]);

const csv = rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? q(c) : c)).join(',')).join('\n') + '\n';
writeFileSync(join(outDir, 'addresses_messy_072028.csv'), csv);
console.log(`街区 ${blocks.length} rows, 町丁目 ${oazaLines.length - 1} rows, addresses ${rows.length - 1}`);
