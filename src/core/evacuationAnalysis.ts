import type { HazardZone } from './hazardZone';
import type { HazardType } from './hazard';
import { distanceMetres, type LngLat } from './geo';
import type { Person } from './person';
import type { Shelter, ShelterKind } from './shelter';
import type { Supporter } from './supporter';
import { hazardAnswerAt, HazardIndex, zoneDisplayName, type HazardAnswer, type HazardHit } from './hazardAtHome';
import type { HazardCoverage } from './hazardCoverage';
import { personPoint, WelfareShelterFinder } from './nearestShelter';
import { priorityOf, type Priority } from './priority';
import { buildRoadGraph, edgesInHazardZones, NodeSnapper } from './roadGraph';
import { nearestByRoad } from './roadDistance';
import { routeCoordinates } from './multiSourceDijkstra';
import { ShelterIndex } from './shelterIndex';
import { matchSupporters, type SupporterMatching, type TimeOfDay } from './supporterMatching';
import { DEFAULT_WALKING_SETTINGS, walkEstimate, type WalkEstimate, type WalkingSettings } from './walkingTime';
import { allocateWelfareShelters, type WelfareAllocation } from './welfareAllocation';
import { needsWelfareShelter } from './welfareEligibility';

/** The scenario and settings the whole analysis runs under. */
export interface AnalysisSettings {
  /** Hazard the destination must be designated for. */
  hazard: HazardType;
  /** Kind of first destination (default 指定緊急避難場所: where to run to first). */
  kind: ShelterKind;
  /** 積雪期: slows walking by the winter factor. */
  winter: boolean;
  timeOfDay: TimeOfDay;
  /** Supporter walking radius, metres. */
  supporterRadiusM: number;
  supporterTarget: number;
  /** Capacity assumed for 福祉避難所 whose capacity is unknown (persons). */
  welfareCapacityDefault: number;
  /** Close road edges inside zones of the scenario hazard when routing. */
  avoidHazardRoads: boolean;
  walking: WalkingSettings;
  /** Planning date `YYYY-MM-DD` (ages). */
  onDate: string;
}

export const DEFAULT_ANALYSIS_SETTINGS: Omit<AnalysisSettings, 'onDate'> = {
  hazard: 'flood',
  kind: 'emergency_site',
  winter: false,
  timeOfDay: 'day',
  supporterRadiusM: 500,
  supporterTarget: 2,
  welfareCapacityDefault: 10,
  avoidHazardRoads: false,
  walking: DEFAULT_WALKING_SETTINGS,
};

/** What the analysis says about one person. Distances in metres, times in minutes. */
export interface PersonAnalysis {
  personId: string;
  /** Nearest suitable first destination for the scenario hazard, or null when none qualifies. */
  destination: {
    shelterId: string;
    distanceM: number;
    /** Along roads, when a road network is loaded and the shelter is reachable. */
    routeM: number | null;
    /** Road route `[lng, lat][]` from the person's road node to the shelter's, when routed. */
    route: LngLat[] | null;
    /** IDs of scenario-hazard zones the way crosses (straight line, or the route). */
    crossesHazardZones: string[];
  } | null;
  /** The way to the destination: walking minutes or 「徒歩では困難」 (walkingTime.ts); null without a destination. */
  walk: WalkEstimate | null;
  /** Walking minutes when walking is possible, else null (no destination, or not walkable). */
  walkMinutes: number | null;
  /** Nearest 福祉避難所 that accepts this person, or null (none, or needs no care). */
  nearestWelfare: { shelterId: string; distanceM: number } | null;
  /** 福祉避難所 assigned by the district-wide allocation, or null. */
  allocatedWelfare: { shelterId: string; distanceM: number } | null;
  /** Every imported zone (any hazard) containing the home, each zone once. */
  hazardsAtHome: HazardHit[];
  /** The scenario hazard at home: 区域内 / 区域外 / データなし. */
  hazard: HazardAnswer;
  priority: Priority;
  supporters: { supporterId: string; distanceM: number }[];
}

export interface EvacuationAnalysis {
  settings: AnalysisSettings;
  people: PersonAnalysis[];
  welfare: Pick<WelfareAllocation, 'summary' | 'greedy' | 'shortfallByDistrict' | 'defaultedCapacity' | 'leftOver'>;
  supporters: Pick<SupporterMatching, 'uncovered' | 'belowTarget' | 'overloaded' | 'sharedHazard' | 'totalDistanceM' | 'loads' | 'approximatedPeople'>;
  roadNetwork: { nodes: number; edges: number } | null;
}

export interface AnalysisInput {
  people: readonly Person[];
  shelters: readonly Shelter[];
  supporters: readonly Supporter[];
  hazardZones: readonly HazardZone[];
  /** The area each imported hazard file covers; a hazard without any is 「データなし」 everywhere. */
  hazardCoverage: readonly HazardCoverage[];
  /** Road polylines, each `[[lng, lat], …]`; empty when no road network is loaded. */
  roads: readonly (readonly (readonly number[])[])[];
}

/**
 * Runs the whole evacuation engine for a set of people: hazard at home, nearest suitable shelter
 * (and road route when roads exist), walking time, nearest accepting 福祉避難所, the exact
 * 福祉避難所 allocation, supporter matching and priority. `onProgress(step, of)` reports stages.
 */
export function analyseEvacuation(input: AnalysisInput, settings: AnalysisSettings, onProgress?: (step: number, of: number) => void): EvacuationAnalysis {
  const STEPS = 6;
  const { people, shelters, supporters, hazardZones } = input;
  const points = new Float64Array(people.length * 2).fill(NaN);
  people.forEach((p, i) => {
    const pt = personPoint(p);
    if (pt) (points[2 * i] = pt[0]), (points[2 * i + 1] = pt[1]);
  });

  onProgress?.(0, STEPS);
  const hazardIndex = new HazardIndex(hazardZones);
  const homeZones = hazardIndex.zonesAtPoints(points);
  const hazardsAt = (i: number): HazardHit[] => {
    const hits: HazardHit[] = [];
    for (let k = homeZones.offsets[i]; k < homeZones.offsets[i + 1]; k++) {
      const z = hazardIndex.zones[homeZones.zones[k]];
      hits.push({ zone: homeZones.zones[k], zoneId: z.id, hazard: z.hazard, depthClass: z.depthClass, name: zoneDisplayName(z) });
    }
    return hits;
  };

  onProgress?.(1, STEPS);
  const shelterIndex = new ShelterIndex(shelters);
  const filter = { kind: settings.kind, hazard: settings.hazard };
  const nearest = shelterIndex.nearestForPoints(points, filter);
  const isScenarioZone = (z: HazardZone) => z.hazard === settings.hazard;

  onProgress?.(2, STEPS);
  let road: ReturnType<typeof nearestByRoad> | null = null;
  let graph: ReturnType<typeof buildRoadGraph> | null = null;
  const candidates = shelterIndex.subset(filter).members;
  if (input.roads.length > 0 && candidates.length > 0) {
    graph = buildRoadGraph(input.roads);
    const targets = new Float64Array(candidates.length * 2);
    candidates.forEach((s, k) => ((targets[2 * k] = shelters[s].location[0]), (targets[2 * k + 1] = shelters[s].location[1])));
    const closed = settings.avoidHazardRoads && hazardZones.length ? edgesInHazardZones(graph, hazardIndex, isScenarioZone) : null;
    road = nearestByRoad(graph, targets, points, { snapper: new NodeSnapper(graph), closedEdges: closed, maxSnapM: 300 });
  }

  onProgress?.(3, STEPS);
  const welfareFinder = new WelfareShelterFinder(shelterIndex);
  // Only people who need a 福祉避難所 (welfareEligibility.ts) are allocated; the rest go to 指定避難所.
  const allocation = allocateWelfareShelters(people.filter(needsWelfareShelter), shelters, { onDate: settings.onDate, defaultCapacity: settings.welfareCapacityDefault });
  const allocated = new Map(allocation.assignments.map((a) => [a.personId, a]));

  onProgress?.(4, STEPS);
  const matching = matchSupporters(people, supporters, {
    radiusM: settings.supporterRadiusM,
    target: settings.supporterTarget,
    timeOfDay: settings.timeOfDay,
    hazards: hazardIndex,
  });
  const supportersOf = new Map<string, { supporterId: string; distanceM: number }[]>();
  for (const m of matching.matches) {
    const list = supportersOf.get(m.personId) ?? [];
    list.push({ supporterId: m.supporterId, distanceM: m.distanceM });
    supportersOf.set(m.personId, list);
  }

  onProgress?.(5, STEPS);
  const results: PersonAnalysis[] = people.map((person, i) => {
    const home = hazardsAt(i);
    let destination: PersonAnalysis['destination'] = null;
    if (nearest.shelter[i] >= 0) {
      const shelter = shelters[nearest.shelter[i]];
      let routeM: number | null = null;
      let route: LngLat[] | null = null;
      let shelterId = shelter.id;
      let distanceM = nearest.distanceM[i];
      if (road && graph && road.target[i] >= 0) {
        const byRoad = shelters[candidates[road.target[i]]];
        shelterId = byRoad.id; // walking distance decides when roads are known
        distanceM = distanceMetres(personPoint(person)!, byRoad.location);
        routeM = road.routeM[i];
        route = routeCoordinates(graph, road.forest, road.node[i]);
      }
      const target = road && road.target[i] >= 0 ? shelters[candidates[road.target[i]]] : shelter;
      const path = route ?? [personPoint(person)!, target.location];
      const crossesHazardZones = hazardZones.length ? hazardIndex.routeCrossings(path, isScenarioZone).map((z) => hazardIndex.zones[z].id) : [];
      destination = { shelterId, distanceM, routeM, route, crossesHazardZones };
    }
    const walkDistance = destination ? (destination.routeM ?? destination.distanceM) : null;
    const walk = walkDistance === null ? null : walkEstimate(walkDistance, person.mobility, settings.winter, settings.walking);
    const hazard = hazardAnswerAt(personPoint(person), settings.hazard, home, input.hazardCoverage);
    const welfare = welfareFinder.nearestFor(person, settings.onDate);
    const a = allocated.get(person.id);
    return {
      personId: person.id,
      destination,
      walk,
      walkMinutes: walk?.kind === 'walk' ? walk.minutes : null,
      nearestWelfare: welfare ? { shelterId: shelters[welfare.shelter].id, distanceM: welfare.distanceM } : null,
      allocatedWelfare: a ? { shelterId: a.shelterId, distanceM: a.distanceM } : null,
      hazardsAtHome: home,
      hazard,
      priority: priorityOf(person, { hazard, walk }),
      supporters: supportersOf.get(person.id) ?? [],
    };
  });
  onProgress?.(6, STEPS);

  return {
    settings,
    people: results,
    welfare: {
      summary: allocation.summary,
      greedy: allocation.greedy,
      shortfallByDistrict: allocation.shortfallByDistrict,
      defaultedCapacity: allocation.defaultedCapacity,
      leftOver: allocation.leftOver,
    },
    supporters: {
      uncovered: matching.uncovered,
      belowTarget: matching.belowTarget,
      overloaded: matching.overloaded,
      sharedHazard: matching.sharedHazard,
      totalDistanceM: matching.totalDistanceM,
      loads: matching.loads,
      approximatedPeople: matching.approximatedPeople,
    },
    roadNetwork: graph ? { nodes: graph.nodeCount, edges: graph.edgeCount } : null,
  };
}
