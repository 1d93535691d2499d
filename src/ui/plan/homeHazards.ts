import type { LngLat } from '../../core/geo';
import { HAZARD_SHORT_LABELS, HAZARD_TYPES, type HazardType } from '../../core/hazard';
import { hazardAnswerAt, hazardAnswerLabel, hazardSourceLabel, TILE_UNREADABLE_EXPLAINED, type HazardHit } from '../../core/hazardAtHome';
import { coveredBy, type HazardCoverage } from '../../core/hazardCoverage';
import type { HazardReading } from '../../core/hazardReading';

/** The hazard at one person's home in words, for the plan editor and the 計画書 (「自宅の想定」). */
export interface HomeHazardLines {
  /** One line per hazard answered for this home (imported polygons or tiles), in the GSI order. */
  lines: { hazard: HazardType; state: 'inside' | 'outside' | 'no_data' | 'unknown'; text: string }[];
  /** Some line came from the ハザードマップポータル's tiles: the credit is shown. */
  fromTiles: boolean;
  /** 「判定できない：…紙のハザードマップで確かめてください。」 when some line is 判定できない, else null. */
  unreadableNote: string | null;
}

/**
 * Each hazard answered for a home: a hazard with an imported polygon file, or a tile reading of
 * this person (`readings`: any subject's; only this person's are used). `hits`: the imported zones
 * holding the home, from the engine's run (`PersonAnalysis.hazardsAtHome`), or null when the
 * engine has not analysed this person — then a hazard whose imported file reaches the home is not
 * answered here (区域外 is never said without knowing), only pointed to the map screen.
 * A hazard with neither (no file, no reading) is left out: nothing answered it.
 */
export function homeHazardLines(personId: string, point: LngLat | null, hits: readonly HazardHit[] | null, coverage: readonly HazardCoverage[], readings: readonly HazardReading[]): HomeHazardLines {
  const mine = new Map(readings.filter((r) => r.subject === 'person' && r.subjectId === personId).map((r) => [r.hazard, r]));
  const asked = new Set<HazardType>([...mine.keys(), ...coverage.map((c) => c.hazard), ...(hits ?? []).map((z) => z.hazard)]);
  const out: HomeHazardLines = { lines: [], fromTiles: false, unreadableNote: null };
  for (const h of HAZARD_TYPES.filter((x) => asked.has(x))) {
    if (!hits && point && coveredBy(point, h, coverage)) {
      out.lines.push({ hazard: h, state: 'unknown', text: `${HAZARD_SHORT_LABELS[h]}は取り込んだ区域データで判定します（地図の画面で確かめてください）` });
      continue;
    }
    const a = hazardAnswerAt(point, h, hits ?? [], coverage, mine.get(h));
    if (a.state === 'no_data' && a.why === 'no_zones') continue;
    const polygons = a.source?.kind === 'polygons' ? `［${hazardSourceLabel(a)}］` : '';
    out.lines.push({ hazard: h, state: a.state, text: `${hazardAnswerLabel(a)}${polygons}` });
    if (a.source?.kind === 'tiles') out.fromTiles = true;
    if (a.state === 'no_data' && a.why === 'tile_unreadable') out.unreadableNote = TILE_UNREADABLE_EXPLAINED;
  }
  return out;
}
