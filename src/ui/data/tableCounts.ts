/**
 * What a store or a backup file holds, in words (「要支援者 150人」「計画 3件（履歴 9版）」), from its
 * rows per table. Tables the user never sees by name (meta, the synchronous draft copies…) are not listed.
 */

const LINES: { table: string; label: string; unit: string }[] = [
  { table: 'people', label: '要支援者', unit: '人' },
  { table: 'supporters', label: '支援者', unit: '人' },
  { table: 'districts', label: '地区', unit: '件' },
  { table: 'shelters', label: '避難所', unit: '件' },
  { table: 'plans', label: '個別避難計画', unit: '件' },
  { table: 'planDrafts', label: '計画の下書き', unit: '件' },
  { table: 'drills', label: '訓練', unit: '件' },
  { table: 'hazardZones', label: 'ハザード区域', unit: '件' },
  { table: 'roadNetworks', label: '道路網', unit: 'ファイル' },
  { table: 'addressPoints', label: '位置参照情報', unit: '地点' },
  { table: 'geocodeCache', label: '住所検索の控え', unit: '件' },
  { table: 'disclosures', label: '提供記録', unit: '件' },
  { table: 'rosterUpdates', label: '名簿更新の記録', unit: '件' },
  { table: 'hazardReadings', label: 'ハザードマップからの読み取り', unit: '件' },
];

const n = (v: number) => v.toLocaleString('ja-JP');

/** One line per table that has rows, in a fixed order; plans carry their history count. */
export function countLines(counts: Record<string, number>): { table: string; text: string }[] {
  const lines: { table: string; text: string }[] = [];
  for (const { table, label, unit } of LINES) {
    const c = counts[table] ?? 0;
    if (!c && table !== 'people') continue;
    const history = table === 'plans' && counts.planVersions ? `（履歴 ${n(counts.planVersions)}版）` : '';
    lines.push({ table, text: `${label} ${n(c)}${unit}${history}` });
  }
  return lines;
}
