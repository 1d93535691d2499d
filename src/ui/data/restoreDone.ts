import { japanDateTimeLabel } from '../../core/japanDate';
import type { RestoreResult } from '../../db/backupFile';
import type { ContainerHeader } from '../../io/backup/container';
import { clipList } from '../../io/quote';
import { countLines } from './tableCounts';

/** How many kept people's IDs the message names before 「…」. */
const SHOWN_IDS = 20;

/**
 * The message after 「復元する」 (shown at the top of the reloaded page): which backup, what it held,
 * and what of the replaced store was kept — people by ID only (their names may not be shown: some
 * no longer consent), and the 提供記録 entries made after the backup.
 */
export function restoreDoneMessage(header: ContainerHeader | null, counts: Record<string, number>, kept: RestoreResult): string {
  const made = header ? `${japanDateTimeLabel(header.createdAt)}に${header.operator || '（作業者名なし）'}さんが作った` : '';
  const lines = [`${made}バックアップから復元しました（${countLines(counts).map((l) => l.text).join('、')}）。`];
  const n = kept.keptConsent.length;
  if (n) {
    lines.push(`バックアップの後に同意の撤回・情報提供先の取り消しが記録されていた${n.toLocaleString('ja-JP')}人は、いまの同意のまま残しました（ID: ${clipList(kept.keptConsent, SHOWN_IDS)}）。`);
  }
  const plans = kept.keptPlanConsent.length;
  if (plans) lines.push(`計画の提供先を後から減らしていた計画 ${plans.toLocaleString('ja-JP')}件は、いまの計画への同意のまま残しました。`);
  if (kept.keptDisclosures) lines.push(`バックアップの後の提供記録 ${kept.keptDisclosures.toLocaleString('ja-JP')}件も残しました。`);
  if (kept.droppedDisclosures) {
    lines.push(`このバックアップは別のデータ（共通の提供記録がありません）のため、置き換える前のデータの提供記録 ${kept.droppedDisclosures.toLocaleString('ja-JP')}件は引き継いでいません。`);
  }
  return lines.join('\n');
}
