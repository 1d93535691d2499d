import type { PositionReferenceLevel } from '../../io/positionReference';

/** 位置参照情報 file kinds. */
export const LEVEL_FILE_LABELS: Record<PositionReferenceLevel, string> = {
  block: '街区レベル',
  town: '大字・町丁目レベル',
};

/** How one person came out of address matching. */
export type MatchOutcome = 'block' | 'town' | 'online' | 'none';

export const OUTCOME_LABELS: Record<MatchOutcome, string> = {
  block: '街区',
  town: '町丁目',
  online: '地理院検索',
  none: '未確定',
};
