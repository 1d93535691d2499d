import type { HazardZone } from './hazardZone';
import type { HazardType } from './hazard';
import { distanceMetres, type LngLat } from './geo';
import type { Person } from './person';
import type { Shelter, ShelterKind } from './shelter';
import type { Supporter } from './supporter';
import { hazardAnswerAt, HazardIndex, zoneDisplayName, type HazardAnswer, type HazardHit } from './hazardAtHome';
import type { HazardCoverage } from './hazardCoverage';
import { readingId, type HazardReading } from './hazardReading';
import { TILE_HAZARDS } from './hazardTileLayers';
import { personPoint, WelfareShelterFinder } from './nearestShelter';
import { priorityOf, type Priority } from './priority';
import { buildRoadGraph, edgesInHazardZones, NodeSnapper, type RoadGraph } from './roadGraph';
import { nearestByRoad } from './roadDistance';
import { MAX_ROAD_SNAP_M } from './roadRoute';
import type { ShortestPathForest } from './multiSourceDijkstra';
import { ShelterIndex } from './shelterIndex';
import { matchSupporters, type SupporterMatching, type TimeOfDay } from './supporterMatching';
import { DEFAULT_WALKING_SETTINGS, walkEstimate, type WalkEstimate, type WalkingSettings } from './walkingTime';
import { allocateWelfareShelters, type WelfareAllocation } from './welfareAllocation';
import { needsWelfareShelter } from './welfareEligibility';
import { AnalysisMemo } from './analysisMemo';

export { DEFAULT_ANALYSIS_SETTINGS, type AnalysisSettings } from './analysisSettings';
import type { AnalysisSettings } from './analysisSettings';

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
    crossesHazardZones: readonly string[];
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
  /**
   * The scenario hazard at home: 区域内 / 区域外 / データなし, from imported polygons or the tile
   * readings (`HazardAnswer.source`; polygons take precedence where their coverage reaches the home).
   */
  hazard: HazardAnswer;
  /**
   * The other hazards (not the scenario's) whose zones hold the home, from polygons or tile
   * readings, each hazard once (「区域外」 is only said for the scenario hazard). Always set by the engine.
   */
  otherHazards?: HazardAnswer[];
  priority: Priority;
  supporters: { supporterId: string; distanceM: number }[];
}

export interface EvacuationAnalysis {
  settings: AnalysisSettings;
  people: PersonAnalysis[];
  welfare: Pick<WelfareAllocation, 'summary' | 'greedy' | 'shortfallByDistrict' | 'assumedCapacityShelterIds' | 'leftOver'>;
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
  /**
   * Hazard read from the ハザードマップポータル's tiles (table `hazardReadings`; shelters' rows are
   * ignored here). A person's reading of a hazard answers where no imported polygon file of that
   * hazard covers the home, and only while the home is where it was read. Absent: none.
   */
  hazardReadings?: readonly HazardReading[];
}

/**
 * What a caller may hand the engine already built (the engine worker keeps these across runs,
 * workers/engineStore.ts). Each must be built from the same data as the input it replaces.
 */
export interface AnalysisPrebuilt {
  /** Index over exactly `input.hazardZones` (same array, same order). */
  hazardIndex?: HazardIndex;
  /** The road graph and its snapper; null = no roads. When given, `input.roads` is not read. */
  roads?: { graph: RoadGraph; snapper: NodeSnapper } | null;
  /**
   * Road edges inside zones of `settings.hazard` (1 = closed), read only when
   * `settings.avoidHazardRoads`; null = none closed. Undefined: computed here from the index.
   */
  closedEdges?: Uint8Array | null;
}

export interface AnalysisRunOptions {
  /** `onProgress(step, of)` before each stage and at the end. */
  onProgress?: (step: number, of: number) => void;
  /** Stage results kept from earlier runs (core/analysisMemo.ts); without one, everything is built. */
  memo?: AnalysisMemo;
  prebuilt?: AnalysisPrebuilt;
}

/** Stages of a run (the `of` of `onProgress`). */
export const ANALYSIS_STEPS = 6;

/**
 * Runs the whole evacuation engine for a set of people: hazard at home, nearest suitable shelter
 * (and road route when roads exist), walking time, nearest accepting 福祉避難所, the exact
 * 福祉避難所 allocation, supporter matching and priority. `onProgress(step, of)` reports stages.
 */
export function analyseEvacuation(input: AnalysisInput, settings: AnalysisSettings, onProgress?: (step: number, of: number) => void): EvacuationAnalysis {
  return analyseEvacuationWith(input, settings, { onProgress });
}

/** `analyseEvacuation` with a memo of earlier runs and prebuilt indexes (see `AnalysisRunOptions`). */
export function analyseEvacuationWith(input: AnalysisInput, settings: AnalysisSettings, options: AnalysisRunOptions = {}): EvacuationAnalysis {
  const run = stages(input, settings, options);
  for (;;) {
    const next = run.next();
    if (next.done) return next.value;
    options.onProgress?.(next.value, ANALYSIS_STEPS);
  }
}

/**
 * The same run in stages: after each stage it awaits `pause()`, which lets the caller look at
 * newer requests and stop this run by throwing (the error is passed on; nothing is left half
 * built in the memo — each stage is remembered only once complete).
 */
export async function analyseEvacuationStaged(
  input: AnalysisInput,
  settings: AnalysisSettings,
  options: AnalysisRunOptions & { pause: () => Promise<void> },
): Promise<EvacuationAnalysis> {
  const run = stages(input, settings, options);
  for (;;) {
    const next = run.next();
    if (next.done) return next.value;
    options.onProgress?.(next.value, ANALYSIS_STEPS);
    await options.pause();
  }
}

/** The engine's stages; yields the step number before each (0 … ANALYSIS_STEPS). */
function* stages(input: AnalysisInput, settings: AnalysisSettings, options: AnalysisRunOptions): Generator<number, EvacuationAnalysis, void> {
  const memo = options.memo ?? new AnalysisMemo();
  const prebuilt = options.prebuilt ?? {};
  const { people, shelters, supporters, hazardZones, hazardCoverage } = input;
  const { hazard, kind } = settings;
  const isScenarioZone = (z: HazardZone) => z.hazard === hazard;

  yield 0;
  // Homes `[lng0, lat0, …]` (NaN when not placed) and the zones (any hazard) around each: people + zones only.
  const points = memo.stage('points', [people], () => homePoints(people));
  const hazardIndex = prebuilt.hazardIndex ?? memo.stage('hazardIndex', [hazardZones], () => new HazardIndex(hazardZones));
  const homeHits = memo.stage('homeZones', [people, hazardIndex], () => hitsAtHomes(hazardIndex, points));

  yield 1;
  // Nearest suitable shelter in a straight line: shelters + kind + hazard.
  const shelterIndex = memo.stage('shelterIndex', [shelters], () => new ShelterIndex(shelters));
  const filter = { kind, hazard };
  const nearest = memo.stage('nearest', [shelterIndex, points, kind, hazard], () => shelterIndex.nearestForPoints(points, filter));

  yield 2;
  // Nearest by road: graph + candidates + closed edges.
  let roads: { graph: RoadGraph; snapper: NodeSnapper } | null;
  if (prebuilt.roads !== undefined) roads = prebuilt.roads;
  else if (input.roads.length === 0) roads = null;
  else {
    const graph = memo.stage('roadGraph', [input.roads], () => buildRoadGraph(input.roads));
    roads = { graph, snapper: memo.stage('snapper', [graph], () => new NodeSnapper(graph)) };
  }
  const candidates = shelterIndex.subset(filter).members;
  let road: ReturnType<typeof nearestByRoad> | null = null;
  if (roads && candidates.length > 0) {
    const { graph, snapper } = roads;
    const closed = !settings.avoidHazardRoads
      ? null
      : prebuilt.closedEdges !== undefined
        ? prebuilt.closedEdges
        : memo.stage('closedEdges', [graph, hazardIndex, hazard], () => (hazardIndex.zones.length ? edgesInHazardZones(graph, hazardIndex, isScenarioZone) : null));
    // Homes snap to the road nodes whatever the hazard: kept while people and roads are the same.
    const pointSnap = memo.stage('homeSnap', [snapper, points], () => snapper.snapPoints(points, MAX_ROAD_SNAP_M));
    road = memo.stage('roadNearest', [graph, snapper, pointSnap, candidates, closed], () => {
      const targets = new Float64Array(candidates.length * 2);
      candidates.forEach((s, k) => ((targets[2 * k] = shelters[s].location[0]), (targets[2 * k + 1] = shelters[s].location[1])));
      return nearestByRoad(graph, targets, points, { snapper, closedEdges: closed, maxSnapM: MAX_ROAD_SNAP_M, pointSnap });
    });
  }
  const graph = road ? roads!.graph : null;

  yield 3;
  // 福祉避難所: the allocation (people, shelters, date, assumed capacity) and each person's nearest accepting one.
  // Only people who need a 福祉避難所 (welfareEligibility.ts) are allocated; the rest go to 指定避難所.
  const allocation = memo.stage('allocation', [people, shelters, settings.onDate, settings.assumedWelfareCapacity], () => {
    const a = allocateWelfareShelters(people.filter(needsWelfareShelter), shelters, { onDate: settings.onDate, assumedWelfareCapacity: settings.assumedWelfareCapacity });
    return { allocation: a, byPerson: new Map(a.assignments.map((x) => [x.personId, x])) };
  });
  const welfareNearest = memo.stage('welfareNearest', [people, shelterIndex, settings.onDate], () => {
    const finder = new WelfareShelterFinder(shelterIndex);
    return people.map((person) => {
      const w = finder.nearestFor(person, settings.onDate);
      return w ? { shelterId: shelters[w.shelter].id, distanceM: w.distanceM } : null;
    });
  });

  yield 4;
  // Supporters: people, supporters, radius, target, time of day and the zones (shared-hazard pairs) — not the scenario hazard.
  const matching = memo.stage('matching', [people, supporters, settings.supporterRadiusM, settings.supporterTarget, settings.timeOfDay, hazardIndex], () => {
    const m = matchSupporters(people, supporters, {
      radiusM: settings.supporterRadiusM,
      target: settings.supporterTarget,
      timeOfDay: settings.timeOfDay,
      hazards: hazardIndex,
    });
    const byPerson = new Map<string, { supporterId: string; distanceM: number }[]>();
    for (const x of m.matches) {
      const list = byPerson.get(x.personId) ?? [];
      list.push({ supporterId: x.supporterId, distanceM: x.distanceM });
      byPerson.set(x.personId, list);
    }
    return { matching: m, byPerson };
  });

  yield 5;
  // Each person's destination (the route and the scenario zones it crosses), then the rest per person.
  const destinations = memo.stage('destinations', [people, shelters, nearest, road, hazardIndex, hazard], () => {
    // Zones along each road edge are kept across scenarios; the routes' zones are per forest and hazard.
    const edgeZones = road && graph ? memo.stage('edgeZones', [graph, hazardIndex], () => new EdgeZones(graph, hazardIndex)) : null;
    const forestZones = road && edgeZones ? new ForestZones(edgeZones, road.forest, isScenarioZone) : null;
    const vertices = graph ? memo.stage('routeVertices', [graph], () => new NodeVertices(graph)) : null;
    return people.map((person, i): PersonAnalysis['destination'] => {
      if (nearest.shelter[i] < 0) return null;
      const shelter = shelters[nearest.shelter[i]];
      let routeM: number | null = null;
      let route: LngLat[] | null = null;
      let shelterId = shelter.id;
      let distanceM = nearest.distanceM[i];
      let target = shelter;
      let crossesHazardZones: readonly string[];
      if (road && graph && forestZones && road.target[i] >= 0) {
        target = shelters[candidates[road.target[i]]];
        shelterId = target.id; // walking distance decides when roads are known
        distanceM = distanceMetres(personPoint(person)!, target.location);
        routeM = road.routeM[i];
        route = routeVertices(vertices!, road.forest, road.node[i]);
        crossesHazardZones = forestZones.along(road.node[i], route);
      } else {
        crossesHazardZones = hazardIndex.zones.length ? hazardIndex.routeCrossings([personPoint(person)!, target.location], isScenarioZone).map((z) => hazardIndex.zones[z].id) : NO_IDS;
      }
      return { shelterId, distanceM, routeM, route, crossesHazardZones };
    });
  });
  const walkingKey = JSON.stringify(settings.walking);
  const readings = input.hazardReadings ?? NO_READINGS;
  const results = memo.stage('results', [people, destinations, homeHits, welfareNearest, allocation, matching, hazard, hazardCoverage, readings, settings.winter, walkingKey], () => {
    const readingOf = personReadings(readings);
    return people.map((person, i): PersonAnalysis => {
      const destination = destinations[i];
      const home = homeHits[i];
      const walkDistance = destination ? (destination.routeM ?? destination.distanceM) : null;
      const walk = walkDistance === null ? null : walkEstimate(walkDistance, person.mobility, settings.winter, settings.walking);
      const point = personPoint(person);
      const answerFor = (h: HazardType) => hazardAnswerAt(point, h, home, hazardCoverage, readingOf.get(readingId('person', person.id, h)));
      const answer = answerFor(hazard);
      const others = [...new Set([...home.map((z) => z.hazard), ...TILE_HAZARDS])].filter((h) => h !== hazard).map(answerFor).filter((o) => o.state === 'inside');
      const a = allocation.byPerson.get(person.id);
      return {
        personId: person.id,
        destination,
        walk,
        walkMinutes: walk?.kind === 'walk' ? walk.minutes : null,
        nearestWelfare: welfareNearest[i],
        allocatedWelfare: a ? { shelterId: a.shelterId, distanceM: a.distanceM } : null,
        hazardsAtHome: home,
        hazard: answer,
        otherHazards: others,
        priority: priorityOf(person, { hazard: answer, walk }),
        supporters: matching.byPerson.get(person.id) ?? [],
      };
    });
  });
  yield ANALYSIS_STEPS;

  const { allocation: a } = allocation;
  const m = matching.matching;
  return {
    settings,
    people: results,
    welfare: { summary: a.summary, greedy: a.greedy, shortfallByDistrict: a.shortfallByDistrict, assumedCapacityShelterIds: a.assumedCapacityShelterIds, leftOver: a.leftOver },
    supporters: {
      uncovered: m.uncovered,
      belowTarget: m.belowTarget,
      overloaded: m.overloaded,
      sharedHazard: m.sharedHazard,
      totalDistanceM: m.totalDistanceM,
      loads: m.loads,
      approximatedPeople: m.approximatedPeople,
    },
    roadNetwork: graph ? { nodes: graph.nodeCount, edges: graph.edgeCount } : null,
  };
}

const NONE: readonly number[] = Object.freeze([]);
const NO_READINGS: readonly HazardReading[] = Object.freeze([]);

/** People's tile readings by `readingId` (shelters' rows left out). */
function personReadings(readings: readonly HazardReading[]): Map<string, HazardReading> {
  return new Map(readings.filter((r) => r.subject === 'person').map((r) => [readingId('person', r.subjectId, r.hazard), r]));
}

/**
 * The zones (any hazard; positions in the index, ascending) each road edge enters, touches or lies
 * in, tested when first asked and then kept: routes of every scenario share them. An edge is
 * tested as the segment from its lower-numbered node to the other.
 */
export class EdgeZones {
  private readonly byEdge: (readonly number[] | undefined)[];

  constructor(
    readonly graph: RoadGraph,
    readonly index: HazardIndex,
  ) {
    this.byEdge = new Array(graph.edgeCount);
  }

  /** Zones crossed by the road segment between adjacent nodes `v` and `u`. */
  between(v: number, u: number): readonly number[] {
    const { offsets, targets, edgeIds, nodeCoords: c } = this.graph;
    let edge = -1;
    for (let i = offsets[v]; i < offsets[v + 1]; i++) if (targets[i] === u) edge = edgeIds[i];
    let zones = edge >= 0 ? this.byEdge[edge] : undefined;
    if (zones === undefined) {
      const a = Math.min(u, v), b = Math.max(u, v);
      const hit = this.index.routeCrossings([[c[2 * a], c[2 * a + 1]], [c[2 * b], c[2 * b + 1]]]);
      zones = hit.length ? hit : NONE;
      if (edge >= 0) this.byEdge[edge] = zones;
    }
    return zones;
  }
}

/**
 * The `active` zones crossed by the routes along one shortest-path forest: for each node, the IDs
 * of the zones its route to its source enters, touches or starts or ends in — the union over its
 * road segments (`EdgeZones`), the same zones as `HazardIndex.routeCrossings` on the whole route
 * (in index order). Each node's answer is built once from its predecessor's, and shared.
 */
class ForestZones {
  /** Per node: positions in the index of the zones on its way to its source (ascending), once known. */
  private readonly positions: (readonly number[] | undefined)[];
  private readonly ids: (readonly string[] | undefined)[];

  constructor(
    private readonly edges: EdgeZones,
    private readonly forest: ShortestPathForest,
    private readonly active: (zone: HazardZone) => boolean,
  ) {
    this.positions = new Array(edges.graph.nodeCount);
    this.ids = new Array(edges.graph.nodeCount);
  }

  /** Zone IDs crossed by the route `[lng, lat][]` from `node` (reached) to its source. */
  along(node: number, route: readonly LngLat[]): readonly string[] {
    const { index } = this.edges;
    if (index.zones.length === 0) return NO_IDS;
    // A route of one vertex (home and shelter on the same node): is that point in a zone?
    if (route.length < 2) return index.routeCrossings(route, this.active).map((z) => index.zones[z].id);
    let ids = this.ids[node];
    if (ids === undefined) {
      const zones = this.zonesFrom(node);
      this.ids[node] = ids = zones.length ? zones.map((z) => index.zones[z].id) : NO_IDS;
    }
    return ids;
  }

  private zonesFrom(node: number): readonly number[] {
    const { predecessor } = this.forest;
    const chain: number[] = [];
    let v = node;
    while (this.positions[v] === undefined && predecessor[v] !== -1) {
      chain.push(v);
      v = predecessor[v];
    }
    // The source's own node adds nothing: the segments that reach it cover it.
    let zones = this.positions[v] ?? NONE;
    this.positions[v] = zones;
    for (let k = chain.length - 1; k >= 0; k--) {
      const u = chain[k];
      const own = this.edges.between(u, predecessor[u]);
      let added: number[] | null = null;
      for (const z of own) if (this.active(this.edges.index.zones[z])) (added ??= []).push(z);
      if (added) zones = [...new Set([...zones, ...added])].sort((a, b) => a - b);
      this.positions[u] = zones;
    }
    return zones;
  }
}

const NO_IDS: readonly string[] = Object.freeze([]);

/** Each road node's `[lng, lat]`, made once per graph and shared by every route through it. */
export class NodeVertices {
  private readonly points: (LngLat | undefined)[];
  constructor(private readonly graph: RoadGraph) {
    this.points = new Array(graph.nodeCount);
  }
  at(v: number): LngLat {
    return (this.points[v] ??= [this.graph.nodeCoords[2 * v], this.graph.nodeCoords[2 * v + 1]]);
  }
}

/** The route from `node` to its source along the forest as `[lng, lat]` vertices (core/multiSourceDijkstra.ts `routeCoordinates`). */
function routeVertices(vertices: NodeVertices, forest: ShortestPathForest, node: number): LngLat[] {
  const route: LngLat[] = [];
  if (node < 0 || forest.source[node] < 0) return route;
  for (let v = node; v !== -1; v = forest.predecessor[v]) route.push(vertices.at(v));
  return route;
}

/** Homes as `[lng0, lat0, lng1, lat1, …]` degrees; NaN for people not placed. */
function homePoints(people: readonly Person[]): Float64Array {
  const points = new Float64Array(people.length * 2).fill(NaN);
  people.forEach((p, i) => {
    const pt = personPoint(p);
    if (pt) (points[2 * i] = pt[0]), (points[2 * i + 1] = pt[1]);
  });
  return points;
}

/** Per home, every zone (any hazard) containing it, in index order. */
function hitsAtHomes(index: HazardIndex, points: Float64Array): HazardHit[][] {
  const { offsets, zones } = index.zonesAtPoints(points);
  const out: HazardHit[][] = new Array(offsets.length - 1);
  for (let i = 0; i + 1 < offsets.length; i++) {
    const hits: HazardHit[] = [];
    for (let k = offsets[i]; k < offsets[i + 1]; k++) {
      const z = index.zones[zones[k]];
      hits.push({ zone: zones[k], zoneId: z.id, hazard: z.hazard, depthClass: z.depthClass, name: zoneDisplayName(z) });
    }
    out[i] = hits;
  }
  return out;
}
