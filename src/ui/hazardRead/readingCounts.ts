import type { HazardType } from '../../core/hazard';
import { TILE_NO_DATA_WORDS } from '../../core/hazardAtHome';
import { readingAnswer, type HazardReading, type ReadingAnswer, type ReadingSubject } from '../../core/hazardReading';
import { deepWater, DEPTH_LEGEND, HAZARD_TILE_LAYERS, TILE_HAZARDS } from '../../core/hazardTileLayers';

/**
 * What the read found for one hazard among a set of subjects (the district's people, or shelters):
 * 区域内 by the class label (the most severe layer's label when several are inside), 区域外,
 * データなし (no tile: 未整備の可能性), 判定できない (a colour in no legend) and 未読み取り (no reading
 * stored). データなし, 判定できない and 未読み取り are separate numbers: none of them is ever 区域外.
 */
export interface HazardReadCounts {
  hazard: HazardType;
  /** 区域内, one row per class label in legend order (most severe first), only labels with someone. */
  inside: { label: string; count: number }[];
  insideTotal: number;
  outside: number;
  noData: number;
  unreadable: number;
  /** Subjects with no stored reading of this hazard. */
  notRead: number;
  /** The Japan dates (`YYYY-MM-DD`) of the readings counted, oldest first. */
  readOn: string[];
}

/** The stored reading of each subject id of one kind, per hazard: `byHazard.get(hazard)?.get(subjectId)`. */
export function readingsBySubject(readings: readonly HazardReading[], subject: ReadingSubject): Map<HazardType, Map<string, HazardReading>> {
  const byHazard = new Map<HazardType, Map<string, HazardReading>>();
  for (const r of readings) {
    if (r.subject !== subject) continue;
    let m = byHazard.get(r.hazard);
    if (!m) byHazard.set(r.hazard, (m = new Map()));
    m.set(r.subjectId, r);
  }
  return byHazard;
}

/** The counts of every tile hazard (洪水, 土砂災害, 高潮, 津波) over `subjectIds`, from the stored readings. */
export function readingCounts(readings: readonly HazardReading[], subject: ReadingSubject, subjectIds: readonly string[]): HazardReadCounts[] {
  const byHazard = readingsBySubject(readings, subject);
  return TILE_HAZARDS.map((hazard) => {
    const of = byHazard.get(hazard) ?? new Map<string, HazardReading>();
    const counts: HazardReadCounts = { hazard, inside: [], insideTotal: 0, outside: 0, noData: 0, unreadable: 0, notRead: 0, readOn: [] };
    const byLabel = new Map<string, { count: number; severity: number }>();
    const dates = new Set<string>();
    for (const id of subjectIds) {
      const reading = of.get(id);
      if (!reading) {
        counts.notRead++;
        continue;
      }
      dates.add(reading.readOn);
      const answer = readingAnswer(reading);
      if (answer.state === 'inside') {
        counts.insideTotal++;
        const label = answer.labels[0];
        const row = byLabel.get(label) ?? { count: 0, severity: severity(answer) };
        row.count++;
        byLabel.set(label, row);
      } else if (answer.state === 'outside') counts.outside++;
      else if (answer.state === 'no_data') counts.noData++;
      else counts.unreadable++;
    }
    counts.inside = [...byLabel].sort((a, b) => b[1].severity - a[1].severity).map(([label, { count }]) => ({ label, count }));
    counts.readOn = [...dates].sort();
    return counts;
  });
}

/**
 * Orders 区域内 rows, most severe first: water by its legend class (20.0m以上 … 0.3m未満, the
 * legend's own order, deepest last there); zones 特別警戒区域 before 警戒区域, then by layer.
 */
function severity(answer: Extract<ReadingAnswer, { state: 'inside' }>): number {
  const key = answer.keys[0];
  const depth = DEPTH_LEGEND.findIndex((e) => e.key === key);
  if (depth >= 0) return 1000 + depth;
  const layer = HAZARD_TILE_LAYERS.findIndex((l) => l.legend.some((e) => e.key === key));
  return (key?.endsWith('_special') ? 100 : 0) + (HAZARD_TILE_LAYERS.length - layer);
}

/** What a shelter's reading of a hazard says, in words for its detail and the plan editor. */
export interface ShelterReadingNote {
  /** 「洪水 3.0〜5.0m の区域内」, 「洪水 区域外」, 「洪水 データなし（未整備の可能性があります）」, 「洪水 判定できない」. */
  text: string;
  /** Water 3 m or deeper (a designated site there is flagged). */
  deep: boolean;
  /** 「ハザードマップポータル、2026-11-28 取得」. */
  source: string;
}

/** The note of one shelter's stored reading of `hazard`, or null when it was not read. */
export function shelterReadingNote(reading: HazardReading | undefined, hazardLabel: string): ShelterReadingNote | null {
  if (!reading) return null;
  const answer = readingAnswer(reading);
  const source = `ハザードマップポータル、${reading.readOn} 取得`;
  switch (answer.state) {
    case 'inside':
      return { text: `${hazardLabel} ${answer.labels.join('・')} の区域内`, deep: answer.maxDepthM !== null && deepWater({ minDepthM: answer.maxDepthM }), source };
    case 'outside':
      return { text: `${hazardLabel} 区域外`, deep: false, source };
    case 'no_data':
      return { text: `${hazardLabel} データなし（${TILE_NO_DATA_WORDS.tile_missing}）`, deep: false, source };
    case 'unreadable':
      return { text: `${hazardLabel} 判定できない（地図の色を読み取れませんでした）`, deep: false, source };
  }
}

/** The hazards whose tile legend is water depth (洪水・高潮・津波): a depth of 3 m or more is flagged at a designated site. */
export const WATER_TILE_HAZARDS: readonly HazardType[] = ['flood', 'storm_surge', 'tsunami'];

/**
 * The shelters designated for `hazard` (指定緊急避難場所 flags) whose stored reading of it is water
 * 3 m or deeper, with the note; in the order of `shelters`.
 */
export function deepWaterDesignated<S extends { id: string; hazards: readonly HazardType[] }>(
  shelters: readonly S[],
  readings: readonly HazardReading[],
  hazard: HazardType,
  hazardLabel: string,
): { shelter: S; note: ShelterReadingNote }[] {
  const of = readingsBySubject(readings, 'shelter').get(hazard);
  if (!of) return [];
  return shelters.flatMap((shelter) => {
    if (!shelter.hazards.includes(hazard)) return [];
    const note = shelterReadingNote(of.get(shelter.id), hazardLabel);
    return note?.deep ? [{ shelter, note }] : [];
  });
}

/**
 * Added to a destination's name wherever one is offered or printed for a water hazard whose
 * reading at the shelter is 3 m or deeper (issue 16: a flag, the engine's choice is unchanged):
 * 「堤小学校（洪水時は2階以上）（想定浸水3m以上）」.
 */
export const DEEP_WATER_MARK = '（想定浸水3m以上）';

/**
 * From the stored shelter readings: whether a shelter's water read for any of `hazards` is 3 m
 * or deeper. Index once, ask per option.
 */
export function deepWaterAt(readings: readonly HazardReading[]): (shelterId: string, hazards: HazardType | readonly HazardType[]) => boolean {
  const byHazard = readingsBySubject(readings, 'shelter');
  return (shelterId, hazards) => {
    const list: readonly HazardType[] = typeof hazards === 'string' ? [hazards] : hazards;
    return list.some((h) => WATER_TILE_HAZARDS.includes(h) && !!shelterReadingNote(byHazard.get(h)?.get(shelterId), '')?.deep);
  };
}
