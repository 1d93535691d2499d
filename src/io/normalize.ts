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
  if (PLAIN_ASCII.test(s)) return s;
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

const SHORT_CELL = 8;
const MAX_SHORT_CELLS = 4096;
const shortCells = new Map<string, string>();

/** A decimal number with no sign other than `-`, no exponent, no separators: `Number()` reads it exactly as the full path would. */
const PLAIN_DECIMAL = /^-?\d+(?:\.\d+)?$/;

/** Printable ASCII, no spaces (such a string is its own normalizeCodeText). */
const PLAIN_ASCII = /^[!-~]*$/;

/**
 * Parses a decimal number written with full-width digits, thousands separators, a stray
 * space or a full-width minus; null when the cell is empty; NaN when it is not a number.
 */
export function parseDecimal(value: string | null | undefined): number | null {
  // Fast path: a plain decimal such as `37.4948` or `-12` (most coordinate and number cells).
  if (typeof value === 'string' && PLAIN_DECIMAL.test(value)) return Number(value);
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
 * True when a spreadsheet program would run the cell as a formula (CSV injection):
 * it starts with `=`, `@`, a tab or CR, or with `+`/`-` followed by something that is not a
 * plain number or phone number (so `-1.5` and `+81-90-0000-0000` are fine).
 */
export function looksLikeFormula(value: string): boolean {
  const raw = String(value ?? '');
  // Fast path: a first character that is ASCII other than = @ + - tab CR space, or kana/kanji
  // (U+3040–U+9FFF, whose NFKC never starts with = @ + -), cannot start a formula.
  const c0 = raw.charCodeAt(0);
  if (raw === '' || (c0 < 0x80 && !FORMULA_ASCII.has(c0)) || (c0 >= 0x3040 && c0 <= 0x9fff)) return false;
  const s = raw.replace(/^[ \u3000]+/, '');
  if (s === '') return false;
  const c = s[0].normalize('NFKC');
  if (c === '=' || c === '@' || s[0] === '\t' || s[0] === '\r') return true;
  if (c === '+' || c === '-') return !/^[+-][0-9０-９()（）\-‐－ー―.．\s　]*$/.test(s);
  return false;
}

/** Char codes of = @ + - tab CR and space: ASCII first characters that need the full formula check. */
const FORMULA_ASCII = new Set([0x3d, 0x40, 0x2b, 0x2d, 0x09, 0x0d, 0x20]);

/** A cell made safe for CSV export: formula-like values get a leading `'` so spreadsheets show them as text. */
export function neutralizeFormula(value: string): string {
  return looksLikeFormula(value) ? `'${value}` : value;
}
