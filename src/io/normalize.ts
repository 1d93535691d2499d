/**
 * Normalisation of numeric and code cells (IDs, numbers, phone numbers, coordinates, flags).
 * Names and addresses are never passed through these: they are stored as written.
 */

/** Dash-like characters seen in Japanese spreadsheets: hyphens, minus signs, 長音符, full-width forms. */
const DASHES = /[\u2010-\u2015\u2212\u30FC\uFF0D\uFF70\u2043\uFE58\uFE63]/g;

/** NFKC (full-width digits/letters → ASCII, 全角スペース → space), all dashes → `-`, trimmed, inner runs of spaces collapsed. */
export function normalizeCodeText(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return String(value).normalize('NFKC').replace(DASHES, '-').replace(/\s+/g, ' ').trim();
}

/**
 * Parses a decimal number written with full-width digits, thousands separators, a stray
 * space or a full-width minus; null when the cell is empty; NaN when it is not a number.
 */
export function parseDecimal(value: string | null | undefined): number | null {
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
  const s = String(value ?? '').replace(/^[ \u3000]+/, '');
  if (s === '') return false;
  const c = s[0].normalize('NFKC');
  if (c === '=' || c === '@' || s[0] === '\t' || s[0] === '\r') return true;
  if (c === '+' || c === '-') return !/^[+-][0-9０-９()（）\-‐－ー―.．\s　]*$/.test(s);
  return false;
}

/** A cell made safe for CSV export: formula-like values get a leading `'` so spreadsheets show them as text. */
export function neutralizeFormula(value: string): string {
  return looksLikeFormula(value) ? `'${value}` : value;
}
