/**
 * Seeded synthetic 名簿 and supporter CSV text in the app's template layouts, for the import
 * benchmark and for the CLI fixtures. Every name is made up (surname × given name drawn at
 * random), phone numbers use the fictional 0242-00/0242-11 ranges and addresses are generic.
 * Cells are written the way real files write them: 和暦 and 西暦 dates, full-width digits,
 * variant labels (車椅子, 杖), 同意 with a date. Same seed → same text.
 */
import { PEOPLE_TEMPLATE_HEADER } from '../../src/io/peopleCsv';
import { SUPPORTER_TEMPLATE_HEADER } from '../../src/io/supportersCsv';
import { toWareki } from '../../src/io/wareki';
import { randInt, seededRandom } from '../unit/engine/random';

/** Where to place homes: cluster centres `[lng, lat]` degrees and the cluster radius in metres. */
export interface RosterArea {
  centres: readonly (readonly [number, number])[];
  radiusM: number;
  /** Prefix of every address, e.g. 「福島県会津若松市」. */
  city: string;
}

const SURNAMES: [string, string][] = [
  ['佐藤', 'サトウ'], ['鈴木', 'スズキ'], ['高橋', 'タカハシ'], ['田中', 'タナカ'], ['渡辺', 'ワタナベ'], ['伊藤', 'イトウ'],
  ['山本', 'ヤマモト'], ['中村', 'ナカムラ'], ['小林', 'コバヤシ'], ['加藤', 'カトウ'], ['吉田', 'ヨシダ'], ['山田', 'ヤマダ'],
  ['佐々木', 'ササキ'], ['斎藤', 'サイトウ'], ['遠藤', 'エンドウ'], ['菅野', 'カンノ'], ['星', 'ホシ'], ['五十嵐', 'イガラシ'],
];
const GIVEN: [string, string][] = [
  ['花子', 'ハナコ'], ['太郎', 'タロウ'], ['一郎', 'イチロウ'], ['和子', 'カズコ'], ['幸子', 'サチコ'], ['節子', 'セツコ'],
  ['清', 'キヨシ'], ['茂', 'シゲル'], ['実', 'ミノル'], ['美咲', 'ミサキ'], ['翔', 'ショウ'], ['陽菜', 'ヒナ'],
  ['正男', 'マサオ'], ['トシ', 'トシ'], ['ハル', 'ハル'], ['健一', 'ケンイチ'],
];
const TOWNS = ['栄町', '追手町', '中央', '一箕町', '門田町', '城東町', '材木町', '行仁町', '飯盛', '緑町', '花春町', '東山町'];
const REASONS = ['要介護３', '要介護１', '下肢障がい', '視覚障がい', '聴覚障がい', '認知症', '高齢（75歳以上）', '難病', '知的障がい', '要支援２'];
const MOBILITY = ['独歩', '独歩', '杖・歩行器', '杖', '車いす', '車椅子', '寝たきり'];
const HOUSEHOLD = ['一人暮らし', '高齢者のみ世帯', '家族と同居', '日中独居', ''];
const MEDICAL = ['在宅酸素', '透析', '人工呼吸器', 'たん吸引・経管栄養', 'インスリン'];
const ROLES = ['近隣住民', '近隣住民', '近隣住民', '民生委員', '自主防災組織', '消防団', '家族'];
const AVAIL = ['昼夜', '昼夜', '昼のみ', '夜のみ', ''];
const FULL = '０１２３４５６７８９';
const toFull = (s: string) => s.replace(/[0-9]/g, (d) => FULL[Number(d)]);

function point(rand: () => number, area: RosterArea): [number, number] {
  const [lng, lat] = area.centres[randInt(rand, area.centres.length)];
  const r = Math.sqrt(rand()) * area.radiusM, a = rand() * 2 * Math.PI;
  return [lng + (r * Math.cos(a)) / (111_320 * Math.cos((lat * Math.PI) / 180)), lat + (r * Math.sin(a)) / 110_574];
}

function birthCell(rand: () => number): string {
  const y = rand() < 0.85 ? 1925 + randInt(rand, 35) : 1960 + randInt(rand, 60);
  const m = 1 + randInt(rand, 12), d = 1 + randInt(rand, 28);
  const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const w = toWareki(iso)!;
  switch (randInt(rand, 5)) {
    case 0: return iso;
    case 1: return w;
    case 2: return toFull(w);
    case 3: { // S15.4.1
      const era = w.slice(0, 2), letter = { 令和: 'R', 平成: 'H', 昭和: 'S', 大正: 'T', 明治: 'M' }[era]!;
      const ey = w.match(/^..(元|\d+)年/)![1];
      return `${letter}${ey === '元' ? '元' : ey}.${m}.${d}`;
    }
    default: return `${y}/${m}/${d}`;
  }
}

function phone(rand: () => number, i: number): string {
  const p = `0242-${rand() < 0.5 ? '00' : '11'}-${String(i % 10000).padStart(4, '0')}`;
  return rand() < 0.2 ? toFull(p).replace(/-/g, '－') : p;
}

function name(rand: () => number): [string, string] {
  const [s, sk] = SURNAMES[randInt(rand, SURNAMES.length)], [g, gk] = GIVEN[randInt(rand, GIVEN.length)];
  return [`${s}　${g}`, `${sk}　${gk}`];
}

/** A 名簿 CSV (template header, `\r\n`, UTF-8 text without BOM) of `count` made-up people; about 70 % 同意, 10 % with medical care. */
export function rosterCsv(seed: number, count: number, area: RosterArea): string {
  const rand = seededRandom(seed);
  const lines = [PEOPLE_TEMPLATE_HEADER];
  for (let i = 0; i < count; i++) {
    const [nm, kana] = name(rand);
    const town = TOWNS[randInt(rand, TOWNS.length)];
    const [lng, lat] = point(rand, area);
    const c = rand();
    const consent = c < 0.55 ? '同意' : c < 0.7 ? '同意（R6.4.1）' : c < 0.82 ? '未確認' : c < 0.9 ? '' : '不同意';
    lines.push([
      `P${String(i + 1).padStart(6, '0')}`, nm, kana, birthCell(rand), rand() < 0.5 ? '女' : '男',
      `${area.city}${town}${1 + randInt(rand, 5)}丁目${1 + randInt(rand, 30)}-${1 + randInt(rand, 20)}`,
      phone(rand, i), REASONS[randInt(rand, REASONS.length)], MOBILITY[randInt(rand, MOBILITY.length)],
      HOUSEHOLD[randInt(rand, HOUSEHOLD.length)], rand() < 0.1 ? MEDICAL[randInt(rand, MEDICAL.length)] : '', consent, town,
      lat.toFixed(6), lng.toFixed(6),
    ].join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** A supporter CSV (template header) of `count` made-up supporters, 支援可能人数 1–3. */
export function supportersCsv(seed: number, count: number, area: RosterArea): string {
  const rand = seededRandom(seed);
  const lines = [SUPPORTER_TEMPLATE_HEADER];
  for (let i = 0; i < count; i++) {
    const [nm] = name(rand);
    const town = TOWNS[randInt(rand, TOWNS.length)];
    const [lng, lat] = point(rand, area);
    lines.push([
      `U${String(i + 1).padStart(5, '0')}`, nm, ROLES[randInt(rand, ROLES.length)],
      `${area.city}${town}${1 + randInt(rand, 5)}丁目${1 + randInt(rand, 30)}-${1 + randInt(rand, 20)}`,
      phone(rand, i + 5000), AVAIL[randInt(rand, AVAIL.length)], String(1 + randInt(rand, 3)), town, lat.toFixed(6), lng.toFixed(6),
    ].join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
