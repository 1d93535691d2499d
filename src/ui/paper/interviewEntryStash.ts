import type { AnswerValue, InterviewAnswers } from '../../core/interviewSheet';
import { isRecord } from '../../core/jsonShape';

/**
 * What is typed in 「聞き取り票から入力」 and not yet saved, kept in this tab's sessionStorage per
 * person: it survives a reload of the tab and goes with the tab. Nothing of it is in the plan until
 * 保存; 保存 and やめる remove it.
 */
export interface EntryStash {
  code: string;
  /** 聞き取り日 as typed. */
  visit: string;
  /** The answers the form started with (for what this form changed, and conflicts with other screens' saves). */
  start: InterviewAnswers;
  answers: InterviewAnswers;
  /** Number and date items as typed, and the message of those that do not read. */
  typed: Record<string, string>;
  unreadable: Record<string, string>;
}

const keyOf = (personId: string) => `hinanInterviewEntry:${personId}`;

const isAnswerValue = (v: unknown): v is AnswerValue =>
  v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) || (Array.isArray(v) && v.every((x) => typeof x === 'string'));

function answersIn(v: unknown): InterviewAnswers | null {
  if (!isRecord(v)) return null;
  const out: InterviewAnswers = {};
  for (const [k, x] of Object.entries(v)) {
    if (!isAnswerValue(x)) return null;
    out[k] = x;
  }
  return out;
}

function stringsIn(v: unknown): Record<string, string> | null {
  if (!isRecord(v)) return null;
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) {
    if (typeof x !== 'string') return null;
    out[k] = x;
  }
  return out;
}

/** The typing kept for `personId` in this tab, or null (none, or not readable). */
export function readEntryStash(personId: string): EntryStash | null {
  let v: unknown;
  try {
    v = JSON.parse(sessionStorage.getItem(keyOf(personId)) ?? 'null');
  } catch {
    return null;
  }
  if (!isRecord(v) || typeof v.code !== 'string' || typeof v.visit !== 'string') return null;
  const start = answersIn(v.start);
  const answers = answersIn(v.answers);
  const typed = stringsIn(v.typed);
  const unreadable = stringsIn(v.unreadable);
  if (!start || !answers || !typed || !unreadable) return null;
  return { code: v.code, visit: v.visit, start, answers, typed, unreadable };
}

export function hasEntryStash(personId: string): boolean {
  return readEntryStash(personId) !== null;
}

/** Keeps the typing; a full storage only loses the reload safety net, never the typing on screen. */
export function writeEntryStash(personId: string, stash: EntryStash): void {
  try {
    sessionStorage.setItem(keyOf(personId), JSON.stringify(stash));
  } catch {
    // quota or storage disabled: the form still holds the typing
  }
}

export function clearEntryStash(personId: string): void {
  try {
    sessionStorage.removeItem(keyOf(personId));
  } catch {
    // storage disabled: nothing was kept
  }
}
