/**
 * Bytes → text with detection of the encodings Japanese municipal files come in:
 * UTF-8 (with or without BOM), Shift_JIS / cp932, EUC-JP and UTF-16 with BOM.
 * Uses the WHATWG TextDecoder, whose `shift_jis` is the Windows-31J (cp932) table,
 * so it works the same in Node (full ICU), browsers and Web Workers.
 */

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'shift_jis' | 'euc-jp' | 'utf-16le' | 'utf-16be';

/** Japanese name of each encoding for the import screen. */
export const ENCODING_LABELS: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8（BOM付き）',
  shift_jis: 'Shift_JIS（cp932）',
  'euc-jp': 'EUC-JP',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
};

export type DecodeResult =
  | { ok: true; text: string; encoding: TextEncodingName }
  | { ok: false; message: string; /** 1-based physical line of the first bad byte, when known. */ line: number | null };

function tryDecode(label: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Index of the first byte that is not valid UTF-8, or -1 when all of it is valid. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const n = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return -1;
}

function lineOf(bytes: Uint8Array, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Control characters other than tab, CR, LF — a sign of a binary file decoded as text. */
function controlRatio(text: string): number {
  const sample = text.slice(0, 8192);
  if (!sample) return 0;
  let n = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13) || c === 0x7f || c === 0xfffd) n++;
  }
  return n / sample.length;
}

/**
 * How much a decoded text looks like Japanese: kana, kanji and full-width forms count for it;
 * half-width katakana, private-use and replacement characters (what a wrong legacy decoder makes) against.
 */
function japaneseScore(text: string): number {
  let score = 0;
  const sample = text.slice(0, 65536);
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xff01 && c <= 0xff5e) || c === 0x3000) score += 1;
    else if (c >= 0xff61 && c <= 0xff9f) score -= 1;
    else if ((c >= 0xe000 && c <= 0xf8ff) || c === 0xfffd) score -= 3;
  }
  return score;
}

const SIGNATURES: [number[], string][] = [
  [[0x50, 0x4b, 0x03, 0x04], 'ZIP形式（Excelの.xlsxを含む）のファイルです。Excelで「CSV UTF-8」または「CSV（コンマ区切り）」として保存し直してください。'],
  [[0xd0, 0xcf, 0x11, 0xe0], '古いExcel形式（.xls）のファイルです。Excelで「CSV UTF-8」として保存し直してください。'],
  [[0x25, 0x50, 0x44, 0x46], 'PDFファイルです。CSVまたはGeoJSONのファイルを選んでください。'],
  [[0x89, 0x50, 0x4e, 0x47], '画像（PNG）ファイルです。CSVまたはGeoJSONのファイルを選んでください。'],
  [[0xff, 0xd8, 0xff], '画像（JPEG）ファイルです。CSVまたはGeoJSONのファイルを選んでください。'],
];

/**
 * Decodes file bytes to text. Order: BOM (UTF-8 / UTF-16), then strict UTF-8, then strict
 * Shift_JIS (cp932), then strict EUC-JP. Binary files and bytes that no decoder accepts
 * give a Japanese message instead of mojibake.
 */
export function decodeBytes(bytes: Uint8Array): DecodeResult {
  for (const [sig, message] of SIGNATURES) {
    if (sig.every((b, i) => bytes[i] === b)) return { ok: false, message, line: null };
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = tryDecode('utf-8', bytes.subarray(3));
    if (text !== null) return { ok: true, text, encoding: 'utf-8-bom' };
    const bad = firstInvalidUtf8(bytes.subarray(3)) + 3;
    return { ok: false, line: lineOf(bytes, bad), message: `UTF-8（BOM付き）のはずのファイルに、UTF-8として読めないバイトがあります（${lineOf(bytes, bad)}行目付近）。Shift_JISなど別の文字コードの内容が混ざっていないか確かめてください。` };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    const text = tryDecode('utf-16le', bytes.subarray(2));
    if (text !== null) return { ok: true, text, encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const text = tryDecode('utf-16be', bytes.subarray(2));
    if (text !== null) return { ok: true, text, encoding: 'utf-16be' };
  }
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) {
    return { ok: false, line: null, message: 'テキストではないファイル（バイナリ）のようです（NULバイトを含みます）。CSV（UTF-8またはShift_JIS）かGeoJSONのファイルを選んでください。' };
  }
  const binary = (): DecodeResult => ({ ok: false, line: null, message: 'テキストではないファイル（バイナリ）のようです（制御文字を多く含みます）。CSVかGeoJSONのファイルを選んでください。' });
  const asUtf8 = tryDecode('utf-8', bytes);
  if (asUtf8 !== null) return controlRatio(asUtf8) > 0.01 ? binary() : { ok: true, text: asUtf8, encoding: 'utf-8' };
  // Many byte strings are valid in both Shift_JIS and EUC-JP; keep the reading that looks like Japanese.
  const legacy = (['shift_jis', 'euc-jp'] as const)
    .map((name) => ({ name, text: tryDecode(name, bytes) }))
    .filter((c): c is { name: 'shift_jis' | 'euc-jp'; text: string } => c.text !== null)
    .sort((a, b) => japaneseScore(b.text) - japaneseScore(a.text))[0];
  if (legacy) return controlRatio(legacy.text) > 0.01 ? binary() : { ok: true, text: legacy.text, encoding: legacy.name };
  const bad = firstInvalidUtf8(bytes);
  const line = lineOf(bytes, bad);
  return { ok: false, line, message: `文字コードを判定できません。UTF-8・Shift_JIS・EUC-JPのどれとしても読めないバイトがあります（${line}行目付近）。異なる文字コードのファイルをつなげていないか確かめ、UTF-8で保存し直してください。` };
}
