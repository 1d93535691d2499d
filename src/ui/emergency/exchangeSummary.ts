import type { SafetyMergeResult } from '../../core/safetyMerge';

/**
 * What the 「端末どうしで記録を渡す」 part says after reading a QR code or a file: the merge in
 * words, and which parts of another device's QR codes are still to read. Pure, for SafetyExchange.svelte.
 */

/** 「新しい記録 3件（2人の状況が変わりました）、重複 1件、確認が必要 0件、この端末の名簿にない人 0件」. */
export function mergeSummaryText(result: Pick<SafetyMergeResult, 'added' | 'duplicates' | 'flagged' | 'unknownPeople' | 'changedPeople'>): string {
  return `新しい記録 ${result.added.length}件（${result.changedPeople.length}人の状況が変わりました）、重複 ${result.duplicates}件、確認が必要 ${result.flagged.length}件、この端末の名簿にない人 ${result.unknownPeople.length}件`;
}

/** Parts of one device's set of QR codes read so far. */
export interface QrPartsRead {
  recorder: string;
  parts: number;
  read: number[];
}

/**
 * The parts read after one more: a new count of parts from the same device means it made a new set
 * (more records since), so the set starts again. Sorted by recorder; `read` ascending.
 */
export function withPartRead(sets: readonly QrPartsRead[], recorder: string, part: number, parts: number): QrPartsRead[] {
  const before = sets.find((s) => s.recorder === recorder && s.parts === parts);
  const read = [...new Set([...(before?.read ?? []), part])].sort((a, b) => a - b);
  return [...sets.filter((s) => s.recorder !== recorder), { recorder, parts, read }].sort((a, b) => a.recorder.localeCompare(b.recorder));
}

/** 「端末 AB3C のQRコード 2/3枚（残り 3枚目）」 or 「… 3/3枚（すべて読み取りました）」. */
export function partsReadText(set: QrPartsRead): string {
  const missing: number[] = [];
  for (let p = 1; p <= set.parts; p++) if (!set.read.includes(p)) missing.push(p);
  const rest = missing.length ? `残り ${missing.map((p) => `${p}枚目`).join('・')}` : 'すべて読み取りました';
  return `端末 ${set.recorder} のQRコード ${set.read.length}/${set.parts}枚（${rest}）`;
}
