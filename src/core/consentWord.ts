/**
 * The one rule for reading a 同意 cell (the 名簿 file reader, the CLI, the import worker and the
 * column mapper all come here). Pure.
 *
 * - A cell is 同意 (`given`) only when, after NFKC and with every space removed, it is exactly one
 *   of CONSENT_GIVEN_WORDS (a date may follow: 「同意 2024-04-01」「同意（R6.4.1）」). What follows
 *   the word is split off as a date only when the whole of it is written as a date (DATE_TEXT):
 *   「同意 1度断った」「同意(2024-04-01 辞退)」 are not a word and a date, they are errors.
 * - A cell containing a negation (NEGATION_WORDS) is never `given`: 未確認・未回答・無回答・確認中・
 *   不明・未 in it → `pending`; 不同意・拒否・撤回・取消・しない・せず・ません・なし・無・×・否・いいえ・
 *   不可 in it → `refused`; any other negated cell is an error (e.g. 同意不要).
 * - A blank cell is `pending`; every other cell is an error.
 */
import type { ConsentStatus } from './consent';

/** The words that mean 同意 (compared after NFKC with spaces removed). */
export const CONSENT_GIVEN_WORDS: readonly string[] = ['同意', '同意する', '同意済', '同意済み', '同意あり', '同意有', '有', 'あり', '〇', '○', '◯', 'はい', '済'];

/** Parts of a word that negate it or say it is not (yet) so. */
export const NEGATION_WORDS: readonly string[] = [
  'なし', '無', '不', '未', '撤回', '拒否', '取消', '取り消', 'せず', 'しない', 'ない', 'ません', '×', '✕', '☓', '✖', '✗', '❌', '否', 'いいえ', '困難',
  '辞退', '拒絶', '断', 'NG', 'バツ', '取り下げ', '取下', '解除', '中止', '停止', '失効', '期限切れ', '保留', '死亡', '転出',
];
const NEGATION = new RegExp(NEGATION_WORDS.join('|'));
/** A negated cell still waiting for an answer. Tested before REFUSED: 有無未確認 is pending. */
const PENDING = /未確認|未回答|無回答|確認中|不明|^未$/;
const REFUSED = /不同意|拒否|撤回|取消|取り消|しない|せず|ません|なし|無|×|✕|☓|✖|✗|❌|否|いいえ|不可|辞退|拒絶|断|NG|バツ|取り下げ|取下|解除|中止|停止|失効|期限切れ/;
/**
 * A date as the 名簿 reader reads one (NFKC, spaces removed): 西暦 2024-04-01, 2024/4/1, 2024.4.1,
 * 2024年4月1日, 20240401, or 和暦 令和6年4月1日, R6.4.1, H元.5.1 — and nothing more.
 */
const DATE_TEXT = /^(?:\d{4}(?:年|[-/.])\d{1,2}(?:月|[-/.])\d{1,2}日?|\d{8}|(?:明治|大正|昭和|平成|令和|[明大昭平令]|[MTSHRmtshr])(?:元|\d{1,2})(?:年|[-/.])\d{1,2}(?:月|[-/.])\d{1,2}日?)$/;
const GIVEN = new Set(CONSENT_GIVEN_WORDS.map((w) => w.normalize('NFKC')));

/** True when a cell word (any width, any spacing) contains a negation: it must never be read as its positive. */
export function hasNegation(text: string): boolean {
  return NEGATION.test(compact(text));
}

/** NFKC, every space removed (全角スペース is a space after NFKC). */
function compact(text: string): string {
  return String(text ?? '').normalize('NFKC').replace(/\s+/g, '');
}

/**
 * How a 同意 cell reads: its status and the date text written with it ('' when none), or why it
 * does not read (`negated`: it contains a negation but is neither a known refusal nor pending).
 */
export type ConsentCellReading = { ok: true; status: ConsentStatus; dateText: string } | { ok: false; negated: boolean };

/** Reads a 同意 cell by the rule above. The date text is only split off when it has a digit (「同意 済」 is a word). */
export function readConsentCell(cell: string): ConsentCellReading {
  const t = String(cell ?? '').normalize('NFKC').trim();
  const all = compact(t);
  if (all === '') return { ok: true, status: 'pending', dateText: '' };
  const split = t.match(/^(.*?)\s*\(([^()]*)\)$/) ?? t.match(/^(.*\S)\s+(\S+)$/) ?? t.match(/^(\D+?)(\d{4}\D.*|\d{8})$/);
  const dated = split !== null && DATE_TEXT.test(compact(split[2])) && compact(split[1]) !== '';
  const word = dated ? compact(split[1]) : all;
  const dateText = dated ? split[2].trim() : '';
  if (NEGATION.test(all)) {
    if (PENDING.test(all)) return { ok: true, status: 'pending', dateText };
    if (REFUSED.test(all)) return { ok: true, status: 'refused', dateText };
    return { ok: false, negated: true };
  }
  return GIVEN.has(word) ? { ok: true, status: 'given', dateText } : { ok: false, negated: false };
}

