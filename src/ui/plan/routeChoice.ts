import type { PersonAnalysis } from '../../core/evacuationAnalysis';
import type { LngLat } from '../../core/geo';
import type { HazardType } from '../../core/hazard';
import { HazardIndex } from '../../core/hazardAtHome';
import type { HazardZone } from '../../core/hazardZone';
import type { Mobility } from '../../core/person';
import { polylineLengthMetres } from '../../core/polyline';
import { buildRoadGraph, edgesInHazardZones, NodeSnapper, type RoadGraph } from '../../core/roadGraph';
import { MAX_ROAD_SNAP_M, roadRouteBetween, routeLineThrough } from '../../core/roadRoute';
import type { Shelter } from '../../core/shelter';
import { routeWalkLabel } from '../../core/walkingTime';
import type { StoredRoadNetwork } from '../../db/schema';
import { roadLines } from '../../io/roadNetwork';

/** Why there is no road route to copy, in words for the button's explanation. */
export const NO_ROADS_REASON = '道路網が取り込まれていないため使えません。「データ取り込み」で道路網（GeoJSON）を取り込むと使えます。';

/** A road route for the plan: the line from home to the shelter and its length in metres. */
export type PlanRoadRoute = { line: LngLat[]; lengthM: number; fromEngine: boolean } | { reason: string };

/** What the road route of one destination depends on. */
export interface PlanRoadRouteInput {
  networks: readonly StoredRoadNetwork[];
  home: LngLat | null;
  shelter: Shelter | undefined;
  hazard: HazardType;
  /** The engine's current result for this person, when it is up to date (not being recomputed). */
  engine: { hazard: HazardType; person: PersonAnalysis | undefined } | null;
  /** Close roads inside zones of `hazard`, as the engine does when 「ハザード区域の道を通らない」 is on. */
  avoidZones: readonly HazardZone[] | null;
}

/** Built once per set of stored networks (the array changes identity when the store changes). */
const graphs = new WeakMap<readonly StoredRoadNetwork[], { graph: RoadGraph; snapper: NodeSnapper }>();

function graphOf(networks: readonly StoredRoadNetwork[]): { graph: RoadGraph; snapper: NodeSnapper } {
  let g = graphs.get(networks);
  if (!g) {
    const graph = buildRoadGraph(networks.flatMap((r) => [...roadLines(r.network)]));
    g = { graph, snapper: new NodeSnapper(graph) };
    graphs.set(networks, g);
  }
  return g;
}

/**
 * The walking route along the roads from home to the chosen shelter: the engine's route when it
 * routed this person to this very shelter for this hazard, otherwise the shortest road route to
 * the chosen shelter (core/roadRoute.ts, snapped as the engine snaps). Either way the line starts
 * at home and ends at the shelter, and its length is the engine's 道のり.
 */
export function planRoadRoute(input: PlanRoadRouteInput): PlanRoadRoute {
  const { networks, home, shelter, hazard } = input;
  if (networks.length === 0) return { reason: NO_ROADS_REASON };
  if (!home) return { reason: '自宅の位置が未登録のため、経路を求められません（「位置の確認」で登録できます）。' };
  if (!shelter) return { reason: '先に避難場所を選んでください。' };
  const d = input.engine?.person?.destination;
  if (input.engine?.hazard === hazard && d && d.shelterId === shelter.id && d.route && d.routeM !== null) {
    return { line: routeLineThrough(home, d.route, shelter.location as LngLat), lengthM: d.routeM, fromEngine: true };
  }
  const { graph, snapper } = graphOf(networks);
  const zones = input.avoidZones?.filter((z) => z.hazard === hazard) ?? [];
  const closedEdges = zones.length ? edgesInHazardZones(graph, new HazardIndex(zones)) : null;
  const route = roadRouteBetween(graph, home, shelter.location as LngLat, { snapper, closedEdges, maxSnapM: MAX_ROAD_SNAP_M });
  if (!route) return { reason: `自宅から避難場所まで、道路網の上でつながる経路が見つかりません（${MAX_ROAD_SNAP_M} m 以内に道路がない、または道路が途切れています${closedEdges ? '。ハザード区域内の道は通らない設定です' : ''}）。` };
  return { ...route, fromEngine: false };
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
