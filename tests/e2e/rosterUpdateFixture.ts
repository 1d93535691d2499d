/**
 * The two 名簿 of the 名簿の更新 done-when test (issue 11): 名簿 A (36 made-up people in the demo's
 * 一箕町松長地区 and 中央・大町地区) and the city's next 名簿 B with the changes a year brings:
 * moves and a death (people missing), a changed mobility, a changed medical need, a withdrawn and a
 * new consent, a changed address without coordinates, renumbered IDs for three people and four
 * newcomers. Every name is made up; homes are drawn with a fixed seed around real 町丁目 points.
 * `expectedCounts` counts the differences between the two row lists on its own terms (ID, else
 * 氏名+生年月日), independently of the app's planner.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PEOPLE_TEMPLATE_HEADER } from '../../src/io/peopleCsv';
import { seededRandom } from '../unit/engine/random';

/** One row of the template layout, cells as written in the file. */
export interface RosterRow {
  id: string;
  name: string;
  kana: string;
  birth: string;
  sex: '男' | '女';
  address: string;
  phone: string;
  reason: string;
  mobility: string;
  household: string;
  medical: string;
  consent: string;
  district: string;
  /** `[lng, lat]` degrees, or null for a row without coordinates. */
  home: [number, number] | null;
}

const D1 = { name: '一箕町松長地区', town: '一箕町松長', centre: [139.9575, 37.5285] as const };
const D2 = { name: '中央・大町地区', town: '中央', centre: [139.9295, 37.4951] as const };
const SURNAMES: [string, string][] = [['会田', 'アイタ'], ['荒井', 'アライ'], ['猪俣', 'イノマタ'], ['大竹', 'オオタケ'], ['小椋', 'オグラ'], ['蒲生', 'ガモウ'], ['栗城', 'クリキ'], ['佐瀬', 'サセ'], ['白岩', 'シライワ'], ['高畑', 'タカハタ'], ['角田', 'ツノダ'], ['長谷部', 'ハセベ']];
const GIVEN: [string, string][] = [['キヨ', 'キヨ'], ['とめ', 'トメ'], ['正一', 'ショウイチ'], ['ミツ', 'ミツ'], ['勝雄', 'カツオ'], ['フミ', 'フミ'], ['義男', 'ヨシオ'], ['ハツ', 'ハツ'], ['辰夫', 'タツオ']];

function person(i: number, rand: () => number): RosterRow {
  const d = i % 2 === 0 ? D1 : D2;
  const [s, sk] = SURNAMES[i % SURNAMES.length];
  const [g, gk] = GIVEN[(i * 7) % GIVEN.length];
  const r = Math.sqrt(rand()) * 500, a = rand() * 2 * Math.PI;
  const lng = d.centre[0] + (r * Math.cos(a)) / (111_320 * Math.cos((d.centre[1] * Math.PI) / 180));
  const lat = d.centre[1] + (r * Math.sin(a)) / 110_574;
  return {
    id: `R${String(i).padStart(3, '0')}`,
    name: `${s}　${g}`,
    kana: `${sk}　${gk}`,
    birth: `19${30 + (i % 25)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}`,
    sex: i % 3 === 0 ? '男' : '女',
    address: `福島県会津若松市${d.town}${1 + (i % 3)}丁目${i}-${1 + (i % 9)}`,
    phone: `0242-00-${String(1000 + i).padStart(4, '0')}`,
    reason: i % 2 ? '要介護２' : '高齢（75歳以上）',
    mobility: i === 1 ? '杖・歩行器' : ['独歩', '杖・歩行器', '車いす'][i % 3],
    household: ['一人暮らし', '高齢者のみ世帯', '家族と同居'][i % 3],
    medical: i === 2 ? '' : i % 11 === 0 ? 'インスリン' : '',
    consent: i === 33 ? '不同意' : i === 34 || i === 35 ? '未確認' : '同意',
    district: d.name,
    home: i >= 10 && i <= 12 ? null : [Number(lng.toFixed(6)), Number(lat.toFixed(6))],
  };
}

/** 名簿 A: R001…R036. R010–R012 have no coordinates (placed by hand in the test). */
export function rosterA(): RosterRow[] {
  const rand = seededRandom(20270401);
  return Array.from({ length: 36 }, (_, k) => person(k + 1, rand));
}

/** What the test does before the update: the people it places by hand, and whose plans it confirms. */
export const HAND_PLACED = ['R010', 'R011', 'R012'];
export const CONFIRMED_PLANS = ['R001', 'R002', 'R003', 'R004', 'R020'];

/** The changes of 名簿 B, by A's IDs (the test checks each one after applying). */
export const CHANGES = {
  movedOut: ['R020', 'R021'],
  died: ['R022'],
  mobility: 'R001', // 杖・歩行器 → 車いす
  medical: 'R002', // (なし) → 在宅酸素
  withdrawn: 'R030', // 同意 → 不同意
  newConsent: 'R034', // 未確認 → 同意（dated）
  addressWithoutCoordinates: 'R003',
  renumbered: { R004: 'N004', R010: 'N010', R015: 'N015' } as Record<string, string>,
  newcomers: ['R037', 'R038', 'R039', 'R040'],
};

/** 名簿 B: A with the changes above. */
export function rosterB(): RosterRow[] {
  const gone = new Set([...CHANGES.movedOut, ...CHANGES.died]);
  const rows = rosterA().filter((r) => !gone.has(r.id)).map((r) => ({ ...r }));
  const at = (id: string) => rows.find((r) => r.id === id)!;
  at(CHANGES.mobility).mobility = '車いす';
  at(CHANGES.medical).medical = '在宅酸素';
  at(CHANGES.withdrawn).consent = '不同意';
  at(CHANGES.newConsent).consent = '同意（R8.10.1）';
  const moved = at(CHANGES.addressWithoutCoordinates);
  moved.address = '福島県会津若松市一箕町松長5丁目88-8';
  moved.home = null;
  for (const [from, to] of Object.entries(CHANGES.renumbered)) at(from).id = to;
  const rand = seededRandom(20280401);
  for (const id of CHANGES.newcomers) rows.push(person(Number(id.slice(1)), rand));
  return rows;
}

const cell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Writes rows as a template-layout CSV (UTF-8) and returns its path. */
export function writeRoster(dir: string, fileName: string, rows: readonly RosterRow[]): string {
  const lines = rows.map((r) =>
    [r.id, r.name, r.kana, r.birth, r.sex, r.address, r.phone, r.reason, r.mobility, r.household, r.medical, r.consent, r.district, r.home ? String(r.home[1]) : '', r.home ? String(r.home[0]) : ''].map(cell).join(','),
  );
  const path = join(dir, fileName);
  writeFileSync(path, `${[PEOPLE_TEMPLATE_HEADER, ...lines].join('\r\n')}\r\n`);
  return path;
}

export interface ExpectedCounts {
  added: number;
  archived: number;
  changed: number;
  unchanged: number;
  matchedByName: number;
}

/**
 * The update's counts, worked out from the two row lists alone: a B row pairs with the A row of
 * the same ID, else with the A row of the same 氏名 and 生年月日 (a renumbering); a pair is changed
 * when its ID or any cell differs. Per district name (B's for added and pairs, A's for the archived) and in total.
 */
export function expectedCounts(a: readonly RosterRow[], b: readonly RosterRow[]): { total: ExpectedCounts; byDistrict: Map<string, ExpectedCounts> } {
  const zero = (): ExpectedCounts => ({ added: 0, archived: 0, changed: 0, unchanged: 0, matchedByName: 0 });
  const total = zero();
  const byDistrict = new Map<string, ExpectedCounts>();
  const count = (district: string, key: keyof ExpectedCounts) => {
    total[key]++;
    if (!byDistrict.has(district)) byDistrict.set(district, zero());
    byDistrict.get(district)![key]++;
  };
  const paired = new Set<string>();
  const cells = (r: RosterRow) => JSON.stringify({ ...r, id: '' });
  for (const row of b) {
    let old = a.find((r) => r.id === row.id);
    if (!old) {
      old = a.find((r) => !b.some((x) => x.id === r.id) && r.name === row.name && r.birth === row.birth);
      if (old) count(row.district, 'matchedByName');
    }
    if (!old) {
      count(row.district, 'added');
      continue;
    }
    paired.add(old.id);
    count(row.district, old.id !== row.id || cells(old) !== cells(row) ? 'changed' : 'unchanged');
  }
  for (const old of a) if (!paired.has(old.id)) count(old.district, 'archived');
  return { total, byDistrict };
}
