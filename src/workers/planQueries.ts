import type { HazardType } from '../core/hazard';
import { nearestSuitableShelters, personPoint } from '../core/nearestShelter';
import type { Person } from '../core/person';
import type { PlanSuggestions } from '../core/planSuggestions';
import { MAX_ROAD_SNAP_M, roadRouteBetween } from '../core/roadRoute';
import type { Shelter } from '../core/shelter';
import { ShelterIndex } from '../core/shelterIndex';
import type { Supporter } from '../core/supporter';
import { isAvailable, matchSupporters } from '../core/supporterMatching';
import type { EngineScope, RoadRouteAnswer, RoadRouteQuery } from './engineProtocol';
import type { EngineStoreView } from './engineStore';

/**
 * The plan editor's questions, answered in the engine worker from its cached view of the store
 * (workers/engineStore.ts): the road route to a chosen shelter and the suggestions for a new plan.
 * The page (ui/plan/) only asks through the engine client and renders the answer.
 */

/** Walking radius for suggested supporters, metres. */
export const SUPPORTER_RADIUS_M = 500;

/** Suggested supporters per person (the first becomes primary, the rest backups). */
export const SUGGESTED_SUPPORTERS = 2;

/** Why there is no road route between two places on the stored roads (`closed`: roads in hazard zones were closed). */
function noRouteReason(closed: boolean): string {
  return `自宅から避難場所まで、道路網の上でつながる経路が見つかりません（${MAX_ROAD_SNAP_M} m 以内に道路がない、または道路が途切れています${closed ? '。ハザード区域内の道は通らない設定です' : ''}）。`;
}

/**
 * Said when the worker finds no stored roads. The page says why before asking when it knows of no
 * roads (ui/plan/routeChoice.ts `NO_ROADS_REASON`); this is the rare case of roads removed since.
 */
export const NO_STORED_ROADS_REASON = '保存されている道路網が見つかりません。「データ取り込み」で道路網（GeoJSON）を取り込み直してください。';

/**
 * The shortest walking route along the stored roads from `query.home` to `query.shelter`
 * (`[lng, lat]` degrees): both snapped to their nearest road node within `MAX_ROAD_SNAP_M` metres,
 * as the evacuation engine snaps, with the snap legs in the line and its length (metres). With
 * `avoidZones`, edges inside zones of `query.hazard` are closed as the engine closes them when
 * 「ハザード区域の道を通らない」 is on. Otherwise a reason in words for the user.
 */
export async function roadRouteAnswer(store: EngineStoreView, scope: EngineScope, query: RoadRouteQuery): Promise<RoadRouteAnswer> {
  const roads = await store.roads(scope);
  if (!roads) return { reason: NO_STORED_ROADS_REASON };
  const closedEdges = query.avoidZones ? await store.closedEdges(scope, query.hazard) : null;
  const route = roadRouteBetween(roads.graph, query.home, query.shelter, { snapper: roads.snapper, closedEdges, maxSnapM: MAX_ROAD_SNAP_M });
  if (!route) return { reason: noRouteReason(closedEdges !== null) };
  return { line: route.line, lengthM: route.lengthM };
}

/** One shelter index per shelters array the store hands out (the store returns a new array when shelters change). */
const shelterIndexes = new WeakMap<readonly Shelter[], ShelterIndex>();
/** Supporters available by day, per supporters array the store hands out. */
const daySupporters = new WeakMap<readonly Supporter[], readonly Supporter[]>();

function shelterIndexOf(shelters: readonly Shelter[]): ShelterIndex {
  let index = shelterIndexes.get(shelters);
  if (!index) shelterIndexes.set(shelters, (index = new ShelterIndex(shelters)));
  return index;
}

function availableByDay(supporters: readonly Supporter[]): readonly Supporter[] {
  let list = daySupporters.get(supporters);
  if (!list) daySupporters.set(supporters, (list = supporters.filter((s) => isAvailable(s, 'day'))));
  return list;
}

/**
 * The engine's suggestions for one person's new plan (issue #4): up to two supporters of the
 * scope available by day within 500 m (min-cost matching for this person alone), best first, and
 * the nearest open 指定緊急避難場所 designated for each hazard. Nothing for an unplaced person.
 */
export async function suggestionsFor(store: EngineStoreView, scope: EngineScope, person: Person): Promise<PlanSuggestions> {
  if (!personPoint(person)) return {};
  const [supporters, shelters] = await Promise.all([store.supporters(scope), store.shelters(scope)]);
  const matching = matchSupporters([person], availableByDay(supporters), { radiusM: SUPPORTER_RADIUS_M, target: SUGGESTED_SUPPORTERS });
  const supporterIds = [...matching.matches].sort((a, b) => a.round - b.round || a.distanceM - b.distanceM).map((m) => m.supporterId);
  const shelterByHazard: Partial<Record<HazardType, string>> = {};
  for (const c of nearestSuitableShelters([person], shelterIndexOf(shelters), 'emergency_site')) shelterByHazard[c.hazard] = c.shelterId;
  return { supporterIds, shelterByHazard };
}
