/**
 * User text (a cell, a header, a file's own word) as it appears inside a message: cut to a
 * readable length, so a 5 MB header or cell never becomes a 5 MB message (which froze the page
 * and flooded the terminal), and single invisible characters named so the user can find them.
 */

/** Longest user text shown in a message, in characters (Unicode code points). */
export const QUOTE_MAX_CHARS = 40;

/**
 * `value` cut to QUOTE_MAX_CHARS characters, then 「…（以下略、全N文字）」 when longer; unchanged
 * when short. Never splits a surrogate pair. N counts code points.
 */
export function clipValue(value: unknown, max = QUOTE_MAX_CHARS): string {
  const s = String(value ?? '');
  // Short text (every real cell): no counting needed. Code points ≤ UTF-16 units.
  if (s.length <= max) return s;
  let end = 0;
  let chars = 0;
  while (end < s.length && chars < max) {
    end += isHighSurrogate(s.charCodeAt(end)) && end + 1 < s.length ? 2 : 1;
    chars++;
  }
  if (end >= s.length) return s;
  return `${s.slice(0, end)}…（以下略、全${codePointCount(s).toLocaleString('ja-JP')}文字）`;
}

/** 「value」 with the value clipped (clipValue): the way every message quotes user text. */
export function quoteValue(value: unknown, max = QUOTE_MAX_CHARS): string {
  return `「${clipValue(value, max)}」`;
}

/** The first `count` values, each clipped, joined with 「、」, then 「…」 when there are more (e.g. a file's headers). */
export function clipList(values: readonly unknown[], count: number, max = QUOTE_MAX_CHARS): string {
  const shown = values.slice(0, count).map((v) => clipValue(v, max));
  return shown.join('、') + (values.length > count ? '…' : '');
}

/** Japanese names of invisible characters users meet in 名簿 files (copied from Word, web pages, Excel). */
const CHAR_NAMES: Record<number, string> = {
  0x09: 'タブ',
  0x0a: '改行',
  0x0d: '復帰',
  0x20: '半角スペース',
  0xa0: 'ノーブレークスペース',
  0xad: 'ソフトハイフン',
  0x034f: '結合書記素接合子',
  0x200b: 'ゼロ幅スペース',
  0x200c: 'ゼロ幅非接合子',
  0x200d: 'ゼロ幅接合子',
  0x200e: '左から右への書字方向記号',
  0x200f: '右から左への書字方向記号',
  0x2028: '行区切り',
  0x2029: '段落区切り',
  0x202a: '左から右への埋め込み',
  0x202b: '右から左への埋め込み',
  0x202c: '書字方向の埋め込み終了',
  0x202d: '左から右への強制',
  0x202e: '右から左への強制',
  0x2060: '単語結合子',
  0x3000: '全角スペース',
  0xfeff: 'バイト順マーク（BOM）',
};

/** Names by Unicode general category, for invisible characters without a name of their own. */
const CATEGORY_NAMES: [RegExp, string][] = [
  [/^[\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}]$/u, '異体字セレクタ'],
  [/^\p{Cc}$/u, '制御文字'],
  [/^\p{Cf}$/u, '書式制御文字（目に見えない文字）'],
  [/^\p{Co}$/u, '私用領域の文字（外字）'],
  [/^\p{Cn}$/u, '未割り当ての文字'],
  [/^\p{Cs}$/u, '対になっていないサロゲート'],
  [/^\p{Zs}$/u, '空白文字'],
  [/^[\p{Zl}\p{Zp}]$/u, '改行文字'],
  [/^\p{M}$/u, '結合文字（前の文字に付く記号）'],
];

/**
 * One character as a message shows it: 「字」 when it can be seen, or `U+200B（ゼロ幅スペース）`
 * for invisible, control, format, space, private-use and combining characters (by Unicode category),
 * with the common ones named in Japanese.
 */
export function quoteChar(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  const named = CHAR_NAMES[cp];
  const byCategory = named ?? CATEGORY_NAMES.find(([re]) => re.test(ch))?.[1];
  if (byCategory === undefined) return `「${ch}」`;
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}（${byCategory}）`;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function codePointCount(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    if (isHighSurrogate(s.charCodeAt(i)) && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n--;
      i++;
    }
  }
  return n;
}
