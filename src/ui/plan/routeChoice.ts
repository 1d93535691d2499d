import type { PersonAnalysis } from '../../core/evacuationAnalysis';
import type { LngLat } from '../../core/geo';
import type { HazardType } from '../../core/hazard';
import type { Mobility } from '../../core/person';
import { polylineLengthMetres } from '../../core/polyline';
import type { Shelter } from '../../core/shelter';
import { routeWalkLabel } from '../../core/walkingTime';
import type { RoadRouteAnswer, RoadRouteQuery } from '../../workers/engineProtocol';

/** Why there is no road route to copy, in words for the button's explanation. */
export const NO_ROADS_REASON = '道路網が取り込まれていないため使えません。「データ取り込み」で道路網（GeoJSON）を取り込むと使えます。';

/** A road route for the plan: the line from home to the shelter and its length in metres. */
export type PlanRoadRoute = { line: LngLat[]; lengthM: number; fromEngine: boolean } | { reason: string };

/** What the road route of one destination depends on. */
export interface PlanRoadRouteInput {
  /** Whether any road network is stored (`app.geodata.roadFiles.length > 0`): the roads stay in the engine worker. */
  hasRoads: boolean;
  home: LngLat | null;
  shelter: Shelter | undefined;
  hazard: HazardType;
  /** The engine's current result for this person, when it is up to date (not being recomputed). */
  engine: { hazard: HazardType; person: PersonAnalysis | undefined } | null;
  /** Close roads inside zones of `hazard`, as the engine does when 「ハザード区域の道を通らない」 is on. */
  avoidZones: boolean;
}

/** The line `from` → each of `via` → `to` (`[lng, lat]` degrees), fresh copies, a point equal to the one before it dropped. */
function lineThrough(from: LngLat, via: readonly LngLat[], to: LngLat): LngLat[] {
  const line: LngLat[] = [];
  for (const p of [from, ...via, to]) {
    const last = line[line.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) line.push([p[0], p[1]]);
  }
  return line;
}

/**
 * The walking route along the roads from home to the chosen shelter: the engine's route when it
 * routed this person to this very shelter for this hazard, otherwise the shortest road route to
 * the chosen shelter, asked of the engine worker through `ask` (the app's
 * `app.engine.roadRoute(app.engineScope(), query)`; workers/planQueries.ts snaps as the engine
 * snaps). Either way the line starts at home and ends at the shelter, and its length is the
 * engine's 道のり. The checks that need no roads (none stored, no home, no shelter) answer at once.
 */
export async function planRoadRoute(input: PlanRoadRouteInput, ask: (query: RoadRouteQuery) => Promise<RoadRouteAnswer>): Promise<PlanRoadRoute> {
  const { home, shelter, hazard } = input;
  if (!input.hasRoads) return { reason: NO_ROADS_REASON };
  if (!home) return { reason: '自宅の位置が未登録のため、経路を求められません（「位置の確認」で登録できます）。' };
  if (!shelter) return { reason: '先に避難場所を選んでください。' };
  const to = shelter.location;
  const d = input.engine?.person?.destination;
  if (input.engine?.hazard === hazard && d && d.shelterId === shelter.id && d.route && d.routeM !== null) {
    return { line: lineThrough(home, d.route, to), lengthM: d.routeM, fromEngine: true };
  }
  const answer = await ask({ home: [home[0], home[1]], shelter: [to[0], to[1]], hazard, avoidZones: input.avoidZones });
  if ('reason' in answer) return { reason: answer.reason };
  return { line: answer.line, lengthM: answer.lengthM, fromEngine: false };
}

/** 「1,234 m」: metres, whole. */
export function metresLabel(m: number): string {
  return `${Math.round(m).toLocaleString('ja-JP')} m`;
}

/** 「1,234 m・車いすの速さで約35分（積雪期 約49分）」, or 「… m・徒歩では困難（車両・担架が必要）: …」, for a route line. */
export function routeLengthLabel(line: readonly LngLat[], mobility: Mobility): string {
  const m = polylineLengthMetres(line);
  return `${metresLabel(m)}・${routeWalkLabel(m, mobility, { withWinter: true })}`;
}
