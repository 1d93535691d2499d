#!/usr/bin/env node
/**
 * generate-demo.mjs — writes the demo data set for 会津若松市 into data/demo/.
 *
 *   node scripts/generate-demo.mjs        (or: npm run demo)
 *
 * ALL PEOPLE AND SUPPORTERS WRITTEN BY THIS SCRIPT ARE FICTIONAL. Names, birth dates, phone
 * numbers (0242-00-xxxx / 090-0000-xxxx: unused exchanges), 番地, needs and consent records are
 * generated from a fixed-seed PRNG. Only the 町丁目 names and their representative points are real
 * (Geolonia 住所データ, CC BY 4.0, copied to data/reference/); the district outlines are derived
 * from those points and are NOT official 町内会 boundaries.
 *
 * Deterministic: the same seed gives byte-identical output on every run (no Date.now / Math.random).
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as turf from '@turf/turf';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TOWNS_FILE = join(ROOT, 'data/reference/towns_072028_aizuwakamatsu.json');
const OUT_DIR = join(ROOT, 'data/demo');
const SEED = 20260401;
const STAMP = '2026-04-01T00:00:00.000Z';
const PREFIX = '福島県会津若松市';

// ---------------------------------------------------------------- seeded PRNG (mulberry32)
let state = SEED >>> 0;
function rng() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (lo, hi) => lo + Math.floor(rng() * (hi - lo + 1));
const pick = (arr) => arr[Math.floor(rng() * arr.length)];
const chance = (p) => rng() < p;
/** Weighted pick from `{value: weight}`. */
function weighted(table) {
  const entries = Object.entries(table);
  let r = rng() * entries.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of entries) if ((r -= w) < 0) return v;
  return entries[entries.length - 1][0];
}
/** Fisher–Yates shuffle of a quota list, e.g. quota({a: 2, b: 1}) → ['b','a','a'] in seeded order. */
function quota(counts) {
  const arr = Object.entries(counts).flatMap(([v, n]) => Array(n).fill(v));
  for (let i = arr.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [arr[i], arr[j]] = [arr[j], arr[i]];
  }
  return arr;
}
const pad = (n, w = 2) => String(n).padStart(w, '0');
const round6 = (x) => Math.round(x * 1e6) / 1e6;

// ---------------------------------------------------------------- fictional names ("漢字:カナ")
const parse = (s) => s.split(' ').map((e) => e.split(':'));
const SURNAMES = parse(
  '佐藤:サトウ 鈴木:スズキ 渡部:ワタナベ 遠藤:エンドウ 星:ホシ 五十嵐:イガラシ 小林:コバヤシ 斎藤:サイトウ ' +
  '長谷川:ハセガワ 坂内:バンナイ 目黒:メグロ 山口:ヤマグチ 吉田:ヨシダ 加藤:カトウ 佐々木:ササキ 高橋:タカハシ ' +
  '伊藤:イトウ 菅野:カンノ 蓮沼:ハスヌマ 猪俣:イノマタ 小椋:オグラ 室井:ムロイ 大竹:オオタケ 穴沢:アナザワ ' +
  '荒井:アライ 小島:コジマ 菊地:キクチ 武藤:ムトウ 本田:ホンダ 須藤:スドウ 松本:マツモト 平野:ヒラノ ' +
  '酒井:サカイ 田中:タナカ 山内:ヤマウチ 青木:アオキ 大橋:オオハシ 石田:イシダ 二瓶:ニヘイ 会田:アイダ');
const GIVEN = {
  elderly: {
    male: parse('清:キヨシ 勇:イサム 茂:シゲル 正雄:マサオ 武:タケシ 博:ヒロシ 実:ミノル 進:ススム 昭:アキラ 勝:マサル 一郎:イチロウ 健二:ケンジ 信夫:ノブオ 栄一:エイイチ 三郎:サブロウ'),
    female: parse('和子:カズコ 幸子:サチコ 節子:セツコ 洋子:ヨウコ 恵子:ケイコ 京子:キョウコ 久子:ヒサコ 芳子:ヨシコ 照子:テルコ 文子:フミコ 美代子:ミヨコ 千代:チヨ ミツ:ミツ トミ:トミ ハル:ハル'),
  },
  adult: {
    male: parse('誠:マコト 浩:ヒロシ 健一:ケンイチ 直樹:ナオキ 隆:タカシ 修:オサム 哲也:テツヤ 和也:カズヤ 大輔:ダイスケ 拓也:タクヤ'),
    female: parse('由美:ユミ 真由美:マユミ 直美:ナオミ 裕子:ユウコ 智子:トモコ 美香:ミカ 恵美:エミ 陽子:ヨウコ 麻衣:マイ 彩:アヤ'),
  },
  child: {
    male: parse('蓮:レン 悠真:ユウマ 湊:ミナト 陽翔:ハルト'),
    female: parse('結衣:ユイ 陽菜:ヒナ 葵:アオイ 芽依:メイ'),
  },
};
const usedNames = new Set();
/** A fictional full name not used before: [name, nameKana]. */
function fullName(age, sex, surname = null) {
  for (;;) {
    const [sk, sr] = surname ?? pick(SURNAMES);
    const [gk, gr] = pick(GIVEN[age][sex]);
    if (usedNames.has(sk + gk)) continue;
    usedNames.add(sk + gk);
    return [`${sk}　${gk}`, `${sr}　${gr}`, [sk, sr]];
  }
}

// ---------------------------------------------------------------- districts (real 町丁目, fictional grouping)
const DISTRICTS = [
  { id: 'demo-d1', name: '一箕町松長地区', color: '#d9480f', people: 60, supporters: 32,
    towns: ['一箕町松長一丁目', '一箕町松長二丁目', '一箕町松長三丁目', '一箕町松長四丁目', '一箕町松長五丁目', '一箕町松長六丁目'] },
  { id: 'demo-d2', name: '中央・大町地区', color: '#1c7ed6', people: 50, supporters: 27,
    towns: ['中央一丁目', '中央二丁目', '中央三丁目', '大町一丁目', '大町二丁目', '馬場町', '馬場本町', '上町', '栄町'] },
  { id: 'demo-d3', name: '花見ケ丘・城東地区', color: '#2b8a3e', people: 40, supporters: 21,
    towns: ['花見ケ丘一丁目', '花見ケ丘二丁目', '花見ケ丘三丁目', '城東町', '宝町'] },
];
const townPoints = JSON.parse(readFileSync(TOWNS_FILE, 'utf8'));
for (const d of DISTRICTS) {
  d.points = d.towns.map((town) => {
    const t = townPoints.find((p) => p.town === town && p.koaza === '');
    if (!t) throw new Error(`town not found: ${town}`);
    return { town, lng: t.lng, lat: t.lat };
  });
  const hull = turf.convex(turf.featureCollection(d.points.map((p) => turf.point([p.lng, p.lat]))));
  const buffered = turf.buffer(hull, 200, { units: 'meters', steps: 8 });
  const simple = turf.simplify(buffered, { tolerance: 0.0001, highQuality: true });
  d.outline = { type: 'Polygon', coordinates: simple.geometry.coordinates.map((ring) => ring.map(([x, y]) => [round6(x), round6(y)])) };
}
for (let i = 0; i < DISTRICTS.length; i++)
  for (let j = i + 1; j < DISTRICTS.length; j++)
    if (turf.booleanIntersects(DISTRICTS[i].outline, DISTRICTS[j].outline)) throw new Error(`outlines overlap: ${DISTRICTS[i].id} / ${DISTRICTS[j].id}`);

// ---------------------------------------------------------------- places, addresses, phones
const usedCoords = new Set();
/** A unique point within 150 m of a town point and inside the district outline. */
function placeNear(d, t) {
  for (;;) {
    const r = 150 * Math.sqrt(rng()), a = 2 * Math.PI * rng();
    const lat = round6(t.lat + (r * Math.sin(a)) / 111320);
    const lng = round6(t.lng + (r * Math.cos(a)) / (111320 * Math.cos((t.lat * Math.PI) / 180)));
    const key = `${lng},${lat}`;
    if (usedCoords.has(key) || !turf.booleanPointInPolygon([lng, lat], d.outline)) continue;
    usedCoords.add(key);
    return { lng, lat, source: 'demo', at: STAMP };
  }
}
const usedAddresses = new Set();
function address(town) {
  for (;;) {
    const a = `${PREFIX}${town}${int(1, 28)}-${int(1, 30)}`;
    if (!usedAddresses.has(a)) { usedAddresses.add(a); return a; }
  }
}
const usedPhones = new Set();
function phone(mobile) {
  for (;;) {
    const p = mobile ? `090-0000-${pad(int(0, 9999), 4)}` : `0242-00-${pad(int(0, 9999), 4)}`;
    if (!usedPhones.has(p)) { usedPhones.add(p); return p; }
  }
}
/** Random `YYYY-MM-DD` between two years (days 1–28 so every date exists). */
const dateIn = (y0, y1) => `${int(y0, y1)}-${pad(int(1, 12))}-${pad(int(1, 28))}`;
/** Random date between two ISO dates inclusive, computed in UTC days. */
function dateBetween(from, to) {
  const a = Date.parse(from) / 864e5, b = Date.parse(to) / 864e5;
  return new Date(int(a, b) * 864e5).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------- needs profile of one person
const MED_TEXT = { ventilator: '人工呼吸器使用', home_oxygen: '在宅酸素療法中', dialysis: '人工透析（週3回）', suction: 'たん吸引が必要', tube_feeding: '経管栄養（胃ろう）', insulin: 'インスリン注射' };
const COMM_TEXT = { hearing: () => pick(['聴覚障害2級', '難聴（補聴器使用）']), vision: () => pick(['視覚障害1級', '視覚障害2級']), speech: () => '失語症（脳梗塞後遺症）' };
const MOVE_TEXT = { cane_walker: () => pick(['歩行困難', '杖歩行', '歩行器使用']), wheelchair: () => '車いす使用', bedridden: () => '寝たきり' };

function elderlyProfile(mobility) {
  const care = {
    independent: () => pick(['', '', '要支援1', '要支援2']),
    cane_walker: () => pick(['要支援2', '要介護1', '要介護2']),
    wheelchair: () => (chance(0.3) ? '身体障害者手帳1級（下肢）' : pick(['要介護3', '要介護4'])),
    bedridden: () => pick(['要介護4', '要介護5', '要介護5']),
  }[mobility]();
  const household = weighted(mobility === 'bedridden'
    ? { alone: 5, elderly_only: 35, with_family: 35, daytime_alone: 25 }
    : { alone: 35, elderly_only: 30, with_family: 18, daytime_alone: 14, unknown: 3 });
  const medical = [];
  if (chance({ independent: 0.04, cane_walker: 0.06, wheelchair: 0.12, bedridden: 0.4 }[mobility])) {
    const opts = { independent: ['home_oxygen', 'dialysis', 'insulin'], cane_walker: ['home_oxygen', 'dialysis', 'insulin'],
      wheelchair: ['home_oxygen', 'dialysis', 'suction'], bedridden: ['tube_feeding', 'suction', 'home_oxygen', 'tube_feeding'] }[mobility];
    medical.push(pick(opts));
  }
  const communication = chance(0.15) ? [weighted({ dementia: 50, hearing: 25, vision: 15, speech: 10 })] : [];
  const parts = [];
  if (communication[0] === 'dementia') parts.push(`認知症（${care.startsWith('要介護') ? care : '要介護1'}）`);
  else if (care) parts.push(care);
  if (MOVE_TEXT[mobility]) parts.push(MOVE_TEXT[mobility]());
  for (const m of medical) parts.push(MED_TEXT[m]);
  for (const c of communication) if (COMM_TEXT[c]) parts.push(COMM_TEXT[c]());
  const birthDate = dateIn(mobility === 'bedridden' ? 1928 : 1930, 1958);
  if (parts.length === 0) {
    parts.push(household === 'alone' ? (birthDate < '1951-04-01' ? '75歳以上の一人暮らし' : '一人暮らし高齢者')
      : household === 'elderly_only' ? '高齢者のみ世帯' : '高齢のため避難に時間がかかる');
  }
  return { age: 'elderly', birthDate, household, medical, communication, reason: parts.join('・') };
}

/** Younger people on the 名簿 (~15 %): disabled adults and children with medical care (医療的ケア児). */
const YOUNG = [
  // [mobility, age, medical, communication, reason]
  ['bedridden', 'child', ['ventilator', 'suction'], ['speech'], '医療的ケア児（人工呼吸器・たん吸引）'],
  ['bedridden', 'child', ['suction', 'tube_feeding'], ['speech'], '医療的ケア児（たん吸引・経管栄養）'],
  ['wheelchair', 'child', ['tube_feeding'], [], '医療的ケア児（経管栄養）・車いす使用'],
  ['bedridden', 'adult', ['tube_feeding'], ['intellectual', 'speech'], '重症心身障害（身体障害者手帳1級・療育手帳A）'],
  ['bedridden', 'adult', ['ventilator', 'suction'], ['speech'], 'ALS（人工呼吸器使用・身体障害者手帳1級）'],
  ['wheelchair', 'adult', [], [], '身体障害者手帳1級（体幹）・車いす使用'],
  ['wheelchair', 'adult', [], [], '脊髄損傷（身体障害者手帳1級）・車いす使用'],
  ['wheelchair', 'adult', [], [], '筋ジストロフィー（身体障害者手帳1級）・車いす使用'],
  ['wheelchair', 'adult', ['dialysis'], [], '身体障害者手帳1級（下肢・腎臓）・人工透析（週3回）'],
  ['cane_walker', 'adult', [], [], '脳性まひ（身体障害者手帳2級）・歩行困難'],
  ['cane_walker', 'adult', [], ['speech'], '脳梗塞後遺症（右片まひ・失語症）'],
  ['cane_walker', 'adult', [], [], '関節リウマチ（身体障害者手帳3級）・杖歩行'],
  ['cane_walker', 'adult', [], ['vision'], '視覚障害1級（全盲）・白杖使用'],
  ['independent', 'adult', [], ['intellectual'], '療育手帳A（知的障がい）'],
  ['independent', 'adult', [], ['intellectual'], '療育手帳B（知的障がい）'],
  ['independent', 'adult', [], ['intellectual', 'speech'], '自閉スペクトラム症（療育手帳A）'],
  ['independent', 'adult', [], ['hearing'], '聴覚障害2級（ろう・手話）'],
  ['independent', 'adult', [], ['hearing'], '聴覚障害2級（ろう・筆談）'],
  ['independent', 'adult', [], ['vision'], '視覚障害2級（弱視）'],
  ['independent', 'adult', [], [], '精神障害者保健福祉手帳1級'],
  ['independent', 'adult', ['home_oxygen'], [], '呼吸器機能障害3級・在宅酸素療法中'],
  ['independent', 'adult', ['insulin'], [], '1型糖尿病（インスリン注射）'],
];
function youngProfile([mobility, age, medical, communication, reason]) {
  const birthDate = age === 'child' ? dateIn(2012, 2022) : dateIn(1962, 2002);
  const household = age === 'child' || mobility === 'bedridden' ? 'with_family' : weighted({ with_family: 65, alone: 25, daytime_alone: 10 });
  return { age, birthDate, household, medical, communication, reason, mobility };
}

// ---------------------------------------------------------------- people
const RECIPIENT_ORDER = ['jishubo', 'minsei', 'shobodan', 'chonaikai', 'shakyo', 'police'];
function consent(status) {
  if (status === 'pending') return { status, date: null, method: 'unknown', recipients: [] };
  const date = dateBetween('2024-01-10', '2026-03-25');
  const method = chance(0.75) ? 'signature' : 'verbal';
  if (status === 'refused') return { status, date, method, recipients: [] };
  const set = new Set(chance(0.1) ? ['minsei'] : ['jishubo', 'minsei', 'chonaikai']);
  if (set.size > 1 && chance(0.3)) set.add('shobodan');
  if (set.size > 1 && chance(0.2)) set.add('shakyo');
  return { status, date, method, recipients: RECIPIENT_ORDER.filter((r) => set.has(r)) };
}

const TOTAL = DISTRICTS.reduce((s, d) => s + d.people, 0);
const scale = (share) => Math.round(TOTAL * share);
const mobilityTarget = { independent: scale(0.4), cane_walker: scale(0.3), wheelchair: scale(0.2) };
mobilityTarget.bedridden = TOTAL - scale(0.4) - scale(0.3) - scale(0.2);
for (const [m] of YOUNG) mobilityTarget[m]--;
// Profiles in seeded order: the fixed younger ones mixed among elderly ones of the remaining mobilities.
const profiles = quota({ ...mobilityTarget, young: YOUNG.length });
let nextYoung = 0;
const consentQ = quota({ given: scale(0.8), refused: scale(0.1), pending: TOTAL - scale(0.8) - scale(0.1) });

const people = [];
for (const d of DISTRICTS) {
  for (let k = 0; k < d.people; k++) {
    const i = people.length;
    const prof = profiles[i] === 'young' ? youngProfile(YOUNG[nextYoung++]) : { ...elderlyProfile(profiles[i]), mobility: profiles[i] };
    const mobility = prof.mobility;
    const sex = chance(prof.age === 'elderly' ? 0.62 : 0.5) ? 'female' : 'male';
    const [name, nameKana] = fullName(prof.age, sex);
    const town = pick(d.points);
    people.push({
      id: `demo-p${pad(i + 1, 3)}`, name, nameKana, birthDate: prof.birthDate, sex,
      address: address(town.town), phone: phone(prof.age !== 'elderly' || chance(0.25)), reason: prof.reason,
      districtId: d.id, location: placeNear(d, town), mobility, household: prof.household,
      medical: prof.medical, communication: prof.communication, consent: consent(consentQ[i]),
      origin: 'demo', createdAt: STAMP, updatedAt: STAMP,
    });
  }
}

// ---------------------------------------------------------------- supporters
const ROLE_QUOTAS = [
  { minsei: 3, jishubo: 6, shobodan: 4, family: 3, care_staff: 1, neighbor: 15 },
  { minsei: 2, jishubo: 5, shobodan: 3, family: 3, care_staff: 1, neighbor: 13 },
  { minsei: 2, jishubo: 3, shobodan: 2, family: 2, neighbor: 12 },
];
const supporters = [];
DISTRICTS.forEach((d, di) => {
  for (const role of quota(ROLE_QUOTAS[di])) {
    const sex = role === 'shobodan' ? (chance(0.9) ? 'male' : 'female') : chance(0.5) ? 'female' : 'male';
    const age = ['jishubo', 'minsei', 'neighbor'].includes(role) && chance(0.35) ? 'elderly' : 'adult';
    // A family supporter shares the surname of someone living in the same district.
    const relative = role === 'family' ? pick(people.filter((p) => p.districtId === d.id && p.household !== 'alone')) : null;
    const surname = relative ? SURNAMES.find(([k]) => relative.name.startsWith(k + '　')) : null;
    const [name] = fullName(age, sex, surname);
    const town = pick(d.points);
    const availability = role === 'family' ? 'day_and_night'
      : weighted(role === 'shobodan' ? { day_and_night: 50, night: 50 } : { day_and_night: 60, day: 25, night: 15 });
    const capacity = role === 'jishubo' || role === 'shobodan' ? int(2, 3) : role === 'care_staff' ? 3 : int(1, 2);
    supporters.push({
      id: `demo-s${pad(supporters.length + 1, 3)}`, name, role, address: address(town.town), phone: phone(chance(0.7)),
      availability, capacity, districtId: d.id, location: placeNear(d, town), origin: 'demo', createdAt: STAMP, updatedAt: STAMP,
    });
  }
});

// ---------------------------------------------------------------- sanity checks and summary
const byId = Object.fromEntries(DISTRICTS.map((d) => [d.id, d]));
for (const r of [...people, ...supporters]) {
  const { lng, lat } = r.location;
  if (!(lat >= 37.3 && lat <= 37.6 && lng >= 139.8 && lng <= 140.1)) throw new Error(`${r.id} outside 会津若松`);
  if (!turf.booleanPointInPolygon([lng, lat], byId[r.districtId].outline)) throw new Error(`${r.id} outside ${r.districtId}`);
}
if (usedCoords.size !== people.length + supporters.length) throw new Error('duplicate coordinates');
const count = (rows, f) => rows.reduce((m, r) => ((m[f(r)] = (m[f(r)] ?? 0) + 1), m), {});
console.log('districts:');
for (const d of DISTRICTS) console.log(`  ${d.id} ${d.name} (${d.towns.join('、')}): people ${people.filter((p) => p.districtId === d.id).length}, supporters ${supporters.filter((s) => s.districtId === d.id).length}`);
console.log('people', people.length, 'supporters', supporters.length);
console.log('mobility   ', count(people, (p) => p.mobility));
console.log('consent    ', count(people, (p) => p.consent.status));
console.log('household  ', count(people, (p) => p.household));
console.log('medical    ', people.filter((p) => p.medical.length).length, count(people.flatMap((p) => p.medical), (m) => m));
console.log('communicat.', people.filter((p) => p.communication.length).length, count(people.flatMap((p) => p.communication), (c) => c));
console.log('under 65   ', people.filter((p) => p.birthDate > '1961-04-01').length);
console.log('roles      ', count(supporters, (s) => s.role));
console.log('availabil. ', count(supporters, (s) => s.availability));

// ---------------------------------------------------------------- write
mkdirSync(OUT_DIR, { recursive: true });
const write = (file, data) => writeFileSync(join(OUT_DIR, file), JSON.stringify(data, null, 2) + '\n');
write('districts.json', DISTRICTS.map(({ id, name, outline, color }) => ({ id, name, outline, color, origin: 'demo' })));
write('people.json', people);
write('supporters.json', supporters);
console.log(`wrote ${join('data/demo', 'districts.json')}, people.json, supporters.json`);
