/**
 * Normalisation of numeric and code cells (IDs, numbers, phone numbers, coordinates, flags).
 * Names and addresses are never passed through these: they are stored as written.
 */

/** Dash-like characters seen in Japanese spreadsheets: hyphens, minus signs, 長音符, full-width forms. */
const DASHES = /[\u2010-\u2015\u2212\u30FC\uFF0D\uFF70\u2043\uFE58\uFE63]/g;

/** NFKC (full-width digits/letters → ASCII, 全角スペース → space), all dashes → `-`, trimmed, inner runs of spaces collapsed. */
export function normalizeCodeText(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  // Fast path (most cells: IDs, 西暦 dates, phone numbers, coordinates): printable ASCII without
  // spaces is already NFKC, has no dash variants and nothing to trim or collapse.
  if (s.length <= 32 ? isPrintableAscii(s) : PLAIN_ASCII.test(s)) return s;
  // Second fast path (full-width phone numbers, IDs, dates): printable ASCII mixed with full-width
  // ASCII forms (U+FF01–FF5E, whose NFKC is the ASCII character 0xFEE0 below) and nothing else.
  const wide = fullWidthAscii(s);
  if (wide !== null) return wide;
  // Short cells (性別, 世帯, 同意…) repeat a handful of values across a whole 名簿: remember them.
  if (s.length > SHORT_CELL) return s.normalize('NFKC').replace(DASHES, '-').replace(/\s+/g, ' ').trim();
  let out = shortCells.get(s);
  if (out === undefined) {
    out = s.normalize('NFKC').replace(DASHES, '-').replace(/\s+/g, ' ').trim();
    if (shortCells.size >= MAX_SHORT_CELLS) shortCells.clear();
    shortCells.set(s, out);
  }
  return out;
}

/** NFKC of a string of printable ASCII and full-width ASCII forms (no spaces), else null. */
function fullWidthAscii(s: string): string | null {
  const n = s.length;
  if (n > MAX_WIDE) return null;
  const codes = wideCodes;
  codes.length = n;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x21 && c <= 0x7e) codes[i] = c;
    else if (c >= 0xff01 && c <= 0xff5e) codes[i] = c - 0xfee0;
    else return null;
  }
  return String.fromCharCode.apply(null, codes);
}
const MAX_WIDE = 64;
const wideCodes: number[] = [];

const SHORT_CELL = 8;
const MAX_SHORT_CELLS = 4096;
const shortCells = new Map<string, string>();

/** Printable ASCII, no spaces (such a string is its own normalizeCodeText). */
const PLAIN_ASCII = /^[!-~]*$/;

/** PLAIN_ASCII.test for short cells, without the RegExp call. */
function isPrintableAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

/**
 * The value of a plain decimal (`-?digits[.digits]`, e.g. `37.4948`, `-12`), exactly as `Number()` reads it,
 * or undefined for any other text. Up to 15 digits the digits make an exact integer below 2⁵³ and
 * the power of ten is exact, so one division is correctly rounded: the same double `Number()` gives
 * (the classic exact fast path of decimal-to-binary conversion), without its cost per cell.
 */
export function plainDecimalValue(s: string): number | undefined {
  const n = s.length;
  if (n === 0 || n > 40) return undefined;
  let i = 0;
  const negative = s.charCodeAt(0) === 0x2d;
  if (negative) i = 1;
  let m = 0, digits = 0, whole = 0, fraction = -1;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      m = m * 10 + (c - 0x30);
      digits++;
      if (fraction >= 0) fraction++;
      else whole++;
    } else if (c === 0x2e && fraction < 0 && whole > 0) fraction = 0;
    else return undefined;
  }
  if (whole === 0 || fraction === 0) return undefined;
  if (digits > 15) return Number(s);
  const v = fraction > 0 ? m / POW10[fraction] : m;
  return negative ? -v : v;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * Parses a decimal number written with full-width digits, thousands separators, a stray
 * space or a full-width minus; null when the cell is empty; NaN when it is not a number.
 */
export function parseDecimal(value: string | null | undefined): number | null {
  // Fast path: a plain decimal such as `37.4948` or `-12` (most coordinate and number cells).
  if (typeof value === 'string') {
    const plain = plainDecimalValue(value);
    if (plain !== undefined) return plain;
  }
  const s = normalizeCodeText(value).replace(/[,\s]/g, '');
  if (s === '') return null;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return NaN;
  return Number(s);
}

/** Parses a whole number (`12`, `１２`, `12.0`, `1,200`); null when empty; NaN when not a whole number. */
export function parseWholeNumber(value: string | null | undefined): number | null {
  const n = parseDecimal(value);
  if (n === null) return null;
  return Number.isInteger(n) ? n : NaN;
}

/** Normalised header text for matching by name: NFKC, no spaces, dashes unified, no BOM, no surrounding quotes. */
export function normalizeHeader(value: string): string {
  return String(value ?? '')
    .replace(/^\uFEFF/, '')
    .normalize('NFKC')
    .replace(DASHES, '-')
    .replace(/[\s"']/g, '')
    .toLowerCase();
}

/**
 * True when a spreadsheet program would run the cell as a formula (CSV injection), judged on the
 * value as storing leaves it — so what is checked at import is what is kept: it starts with a tab
 * or CR, or, once the leading whitespace that `trim()` and normalizeCodeText remove (spaces, NBSP,
 * BOM, U+2028, line breaks…) is gone and the first character is read as NFKC with dashes unified
 * (「＝」→「=」, 「ー」「−」→「-」), with `=` or `@`, or with `+`/`-` followed by something that is
 * not a plain number or phone number (so `-1.5` and `+81-90-0000-0000` are fine).
 */
export function looksLikeFormula(value: string): boolean {
  const raw = String(value ?? '');
  if (raw === '' || !mayStartFormula(raw.charCodeAt(0))) return false;
  if (raw[0] === '\t' || raw[0] === '\r') return true;
  const s = raw.replace(LEADING_SPACE, '');
  if (s === '') return false;
  const c = s[0].normalize('NFKC').replace(DASHES, '-');
  if (c === '=' || c === '@') return true;
  if (c === '+' || c === '-') return !/^[0-9０-９()（）\-‐－ー―.．\s　]*$/.test(s.slice(1));
  return false;
}

/**
 * Whitespace `String.prototype.trim` removes (the same set as `\s`), and invisible format and
 * control characters (U+200B ゼロ幅スペース, U+2060, U+180E, U+0085…) that storing keeps but a
 * reader of the cell does not see: 「\u200B=1+1」 must count as a formula too.
 */
const LEADING_SPACE = /^[\s\p{Cf}\p{Cc}]+/u;

/**
 * False for the char code of a first character that can start no formula, even after storing
 * trims and normalises it: ASCII other than = @ + - and whitespace, and kana/kanji (U+3040–U+9FFF,
 * whose NFKC never starts with = @ + -) except the 長音符 「ー」 (U+30FC), which code columns read as 「-」.
 */
export function mayStartFormula(c: number): boolean {
  if (c < 0x80) return c === 0x3d || c === 0x40 || c === 0x2b || c === 0x2d || c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return !(c >= 0x3040 && c <= 0x9fff) || c === 0x30fc;
}

/** A cell made safe for CSV export: formula-like values get a leading `'` so spreadsheets show them as text. */
export function neutralizeFormula(value: string): string {
  return looksLikeFormula(value) ? `'${value}` : value;
}
