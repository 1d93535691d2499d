/**
 * 全国地方公共団体コード: 6 digits = 2-digit prefecture + 3-digit municipality + check digit
 * (weights 6,5,4,3,2 over the first five; cd = (11 − Σ mod 11) mod 10). Spreadsheets often drop
 * the leading zero (072028 → 72028) or the check digit is missing (07202).
 */
import { normalizeCodeText } from './normalize';
import { quoteValue } from './quote';

/** Check digit of a 5-digit code such as `07202` (→ 8). */
export function localGovCheckDigit(code5: string): number {
  const w = [6, 5, 4, 3, 2];
  const sum = [...code5].reduce((s, d, i) => s + Number(d) * w[i], 0);
  return (11 - (sum % 11)) % 10;
}

/** True when `code6` is 6 digits, its prefecture is 01–47 and its check digit is right. */
export function isValidLocalGovCode(code6: string): boolean {
  if (!/^\d{6}$/.test(code6)) return false;
  const pref = Number(code6.slice(0, 2));
  return pref >= 1 && pref <= 47 && localGovCheckDigit(code6.slice(0, 5)) === Number(code6[5]);
}

export type LocalGovCodeResult =
  | { ok: true; code: string; /** What was repaired, in Japanese; null when written correctly. */ repaired: string | null }
  | { ok: false; message: string };

/**
 * Repairs a 全国地方公共団体コード written as `72028`, `72028.0`, `７２０２８`, `07202` or `7202`.
 * A 5-digit value is first read as a 6-digit code that lost its leading zero (accepted only if the
 * check digit agrees), else as a 5-digit code without check digit. `prefCode` (1–47, e.g. from
 * 所在地_都道府県) settles the rare case where both readings are valid.
 */
export function repairLocalGovCode(raw: string, prefCode?: number | null): LocalGovCodeResult {
  const s = normalizeCodeText(raw).replace(/\.0+$/, '');
  if (!/^\d{4,6}$/.test(s)) return { ok: false, message: `全国地方公共団体コード${quoteValue(raw)}は6桁の数字（例: 072028）で入力してください。` };
  if (s.length === 6) {
    if (isValidLocalGovCode(s)) return { ok: true, code: s, repaired: null };
    return { ok: false, message: `全国地方公共団体コード${quoteValue(raw)}の検査数字（6桁目）が合いません。正しくは「${s.slice(0, 5)}${localGovCheckDigit(s.slice(0, 5))}」ではありませんか。` };
  }
  const withCd = (c5: string) => `${c5}${localGovCheckDigit(c5)}`;
  if (s.length === 4) {
    const c = withCd(`0${s}`);
    if (isValidLocalGovCode(c)) return { ok: true, code: c, repaired: `先頭の0と検査数字を補いました（${raw} → ${c}）。` };
    return { ok: false, message: `全国地方公共団体コード${quoteValue(raw)}は6桁の数字で入力してください。` };
  }
  const lostZero = `0${s}`;
  const noCd = withCd(s);
  const candidates = [lostZero, noCd].filter(isValidLocalGovCode);
  const byPref = prefCode ? candidates.filter((c) => Number(c.slice(0, 2)) === prefCode) : candidates;
  const pick = byPref[0] ?? candidates[0];
  if (!pick) return { ok: false, message: `全国地方公共団体コード${quoteValue(raw)}は6桁の数字（例: 072028）で入力してください。` };
  return {
    ok: true,
    code: pick,
    repaired: pick === lostZero ? `先頭の0を補いました（${raw} → ${pick}）。` : `検査数字を補いました（${raw} → ${pick}）。`,
  };
}

/** 都道府県名 in 全国地方公共団体コード order (index + 1 = prefecture code). */
export const PREFECTURES = [
  '北海道', '青森県', '岩手県', '宮城県', '秋田県', '山形県', '福島県', '茨城県', '栃木県', '群馬県',
  '埼玉県', '千葉県', '東京都', '神奈川県', '新潟県', '富山県', '石川県', '福井県', '山梨県', '長野県',
  '岐阜県', '静岡県', '愛知県', '三重県', '滋賀県', '京都府', '大阪府', '兵庫県', '奈良県', '和歌山県',
  '鳥取県', '島根県', '岡山県', '広島県', '山口県', '徳島県', '香川県', '愛媛県', '高知県', '福岡県',
  '佐賀県', '長崎県', '熊本県', '大分県', '宮崎県', '鹿児島県', '沖縄県',
] as const;

/** Prefecture code 1–47 of a text starting with a prefecture name (an address or 都道府県 cell), else null. */
export function prefectureCodeOf(text: string): number | null {
  const t = String(text ?? '').trim();
  const i = PREFECTURES.findIndex((p) => t.startsWith(p));
  return i >= 0 ? i + 1 : null;
}
