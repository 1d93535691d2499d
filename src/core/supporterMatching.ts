import KDBush from 'kdbush';
import { cosLat, EARTH_RADIUS, haversineMetres, type LngLat } from './geo';
import type { HazardIndex } from './hazardAtHome';
import type { Person } from './person';
import type { Supporter } from './supporter';
import { solveMatchingRound } from './matchingRoundFlow';
import { personPoint } from './nearestShelter';

/** 昼 or 夜: which supporters can come. `day_and_night` supporters count in both. */
export type TimeOfDay = 'day' | 'night';

/** Above this many candidate pairs, a connected component is solved approximately (see `MatchingOptions.exactPairLimit`). */
export const EXACT_PAIR_LIMIT = 3_000_000;
/** Side in metres of the tiles an approximated component is cut into (at least 2 × the radius). */
export const APPROXIMATE_TILE_M = 1000;

export interface MatchingOptions {
  /** Walking radius in metres (great-circle) between a person's and a supporter's home. Default 500. */
  radiusM?: number;
  /** Supporters wanted per person. Default 2. */
  target?: number;
  /** Scenario time of day. Default `day`. */
  timeOfDay?: TimeOfDay;
  /** Cap on any supporter's load, below their own stated capacity (CLI `--max-load`). */
  maxLoad?: number;
  /** Hazard zones, to report supporters who live in the same zone as their person. */
  hazards?: HazardIndex;
  /**
   * Solve each connected component of the person–supporter candidate graph on its own (default
   * true). The answer is the same either way (components share no pair); `false` solves the whole
   * instance as one problem, for tests.
   */
  decompose?: boolean;
  /**
   * A component with more candidate pairs (person–supporter within the radius) than this is
   * solved approximately (“tile and patch”): each round is first solved exactly inside square
   * tiles of `approximateTileM` (only pairs whose two homes are in the same tile), then once more,
   * exactly, for the people still without a supporter this round against every supporter with
   * room left (all their pairs within the radius, across tiles). Only pairs crossing a tile edge
   * can be missed in the first step, so the loss is small, but it is not guaranteed optimal.
   * Default `EXACT_PAIR_LIMIT`; `Infinity` = always exact.
   */
  exactPairLimit?: number;
  /** Tile side of the approximation above, metres. Default `APPROXIMATE_TILE_M`, at least 2 × `radiusM`. */
  approximateTileM?: number;
}

export interface SupporterMatch {
  personId: string;
  supporterId: string;
  distanceM: number;
  /** 1 = first supporter, 2 = second… */
  round: number;
}

export interface SupporterMatching {
  matches: SupporterMatch[];
  /** 支援者空白: people with no supporter (unplaced people included). */
  uncovered: string[];
  /** People with at least one supporter but fewer than the target. */
  belowTarget: string[];
  /** Every available supporter's load against their capacity. */
  loads: { supporterId: string; load: number; capacity: number }[];
  /** Supporters above their capacity: empty by construction, reported so the UI can show it. */
  overloaded: string[];
  /** Pairs whose homes are in the same hazard zone (both may be cut off together). */
  sharedHazard: { personId: string; supporterId: string; zoneIds: string[] }[];
  totalDistanceM: number;
  /**
   * People in components too large to solve exactly (more than `exactPairLimit` candidate pairs),
   * matched by the tile-and-patch approximation (see `MatchingOptions.exactPairLimit`). Their
   * matching respects every constraint but may cover fewer people or cost more distance than the
   * exact optimum. 0 = the whole answer is exact.
   */
  approximatedPeople: number;
  /** How many connected components were approximated (see `approximatedPeople`). */
  approximatedComponents: number;
}

function supporterPoint(s: Supporter): LngLat | null {
  return s.location && Number.isFinite(s.location.lng) && Number.isFinite(s.location.lat) ? [s.location.lng, s.location.lat] : null;
}

/** True when a supporter can help at this time of day. */
export function isAvailable(s: Pick<Supporter, 'availability'>, timeOfDay: TimeOfDay): boolean {
  return s.availability === 'day_and_night' || s.availability === timeOfDay;
}

const RAD = Math.PI / 180;

/** Supporters within `radiusM` of a point: a kdbush box query that is a proven superset, then the exact haversine. */
class CandidateFinder {
  private readonly tree: KDBush;
  private readonly lng: Float64Array;
  private readonly lat: Float64Array;
  private readonly cos: Float64Array;
  private readonly dLatDeg: number;
  private readonly sinHalf: number;
  /** Results of the last `find`: supporter positions and metres. */
  ids = new Int32Array(256);
  dist = new Float64Array(256);

  constructor(points: readonly LngLat[], private readonly radiusM: number) {
    const n = points.length;
    this.lng = new Float64Array(n);
    this.lat = new Float64Array(n);
    this.cos = new Float64Array(n);
    this.tree = new KDBush(Math.max(1, n), 16);
    points.forEach(([x, y], k) => {
      this.lng[k] = x;
      this.lat[k] = y;
      this.cos[k] = cosLat(y);
      this.tree.add(x, y);
    });
    if (n === 0) this.tree.add(Infinity, Infinity);
    this.tree.finish();
    const angle = radiusM / EARTH_RADIUS; // radians of arc
    this.dLatDeg = (angle / RAD) * (1 + 1e-9) + 1e-12;
    this.sinHalf = Math.sin(Math.min(Math.PI / 2, angle / 2));
  }

  /** Fills `ids`/`dist` with every supporter within the radius of `[lng, lat]`; returns how many. */
  find(lng: number, lat: number, cosP: number): number {
    // |Δlat| ≤ r/R, and sin(|Δlng|/2) ≤ sin(r/2R) / (cos φ1 cos φ2)^½ with both cosines ≥ cosMin.
    const cosMin = Math.cos(Math.min(90, Math.abs(lat) + this.dLatDeg) * RAD);
    const dLngDeg = cosMin <= this.sinHalf ? 360 : ((2 * Math.asin(this.sinHalf / cosMin)) / RAD) * (1 + 1e-9) + 1e-12;
    const hits = this.tree.range(lng - dLngDeg, lat - this.dLatDeg, lng + dLngDeg, lat + this.dLatDeg);
    if (hits.length > this.ids.length) {
      this.ids = new Int32Array(hits.length * 2);
      this.dist = new Float64Array(hits.length * 2);
    }
    let count = 0;
    for (const k of hits) {
      if (k >= this.lng.length) continue;
      const d = haversineMetres(lng, lat, cosP, this.lng[k], this.lat[k], this.cos[k]);
      if (d <= this.radiusM) {
        this.ids[count] = k;
        this.dist[count++] = d;
      }
    }
    return count;
  }
}

/** A growable pair list (CSR per person) for one round. */
class ArcBuffer {
  supporter = new Int32Array(1024);
  dist = new Float64Array(1024);
  length = 0;
  push(k: number, d: number): void {
    if (this.length === this.supporter.length) {
      const s = new Int32Array(this.length * 2);
      s.set(this.supporter);
      const d2 = new Float64Array(this.length * 2);
      d2.set(this.dist);
      this.supporter = s;
      this.dist = d2;
    }
    this.supporter[this.length] = k;
    this.dist[this.length++] = d;
  }
}

/**
 * Matches supporters to people in rounds of min-cost flow. Round 1 gives one supporter to as
 * many people as possible, at minimum total distance; round 2 then gives a second, different
 * supporter to as many of those as possible with the capacity left, and so on up to `target`.
 * Every pair is within `radiusM`, every supporter stays within their capacity, and only
 * supporters available at `timeOfDay` are used.
 *
 * The candidate graph (pairs within the radius) is split into connected components (union-find),
 * each solved on its own — exact, since no pair crosses components — by `solveMatchingRound`.
 * Components with more than `exactPairLimit` pairs (a dense city centre chained together within
 * the radius) are approximated and counted in `approximatedPeople`.
 */
export function matchSupporters(people: readonly Person[], supporters: readonly Supporter[], options: MatchingOptions = {}): SupporterMatching {
  const radiusM = options.radiusM ?? 500;
  const target = options.target ?? 2;
  const timeOfDay = options.timeOfDay ?? 'day';
  const exactPairLimit = options.exactPairLimit ?? EXACT_PAIR_LIMIT;
  const tileM = Math.max(2 * radiusM, options.approximateTileM ?? APPROXIMATE_TILE_M, 1);
  const available = supporters.filter((s) => supporterPoint(s) !== null && isAvailable(s, timeOfDay));
  const capacity = Int32Array.from(available, (s) => Math.max(0, Math.min(s.capacity, options.maxLoad ?? Infinity)));
  const P = people.length, S = available.length;
  const load = new Int32Array(S);

  // People's points (NaN = unplaced) and the candidate finder.
  const pLng = new Float64Array(P).fill(NaN), pLat = new Float64Array(P), pCos = new Float64Array(P);
  people.forEach((p, i) => {
    const point = personPoint(p);
    if (!point) return;
    pLng[i] = point[0];
    pLat[i] = point[1];
    pCos[i] = cosLat(point[1]);
  });
  const finder = new CandidateFinder(available.map((s) => supporterPoint(s)!), radiusM);
  const findFor = (i: number) => (Number.isNaN(pLng[i]) || S === 0 ? 0 : finder.find(pLng[i], pLat[i], pCos[i]));

  // Pass 1: connected components of the candidate graph (people 0…P-1, supporters P…P+S-1).
  const parent = new Int32Array(P + S);
  for (let v = 0; v < P + S; v++) parent[v] = v;
  const root = (v: number) => {
    while (parent[v] !== v) v = parent[v] = parent[parent[v]];
    return v;
  };
  const pairs = new Float64Array(P); // candidate pairs per person
  const decompose = options.decompose ?? true;
  let anchor = -1;
  for (let i = 0; i < P; i++) {
    const n = findFor(i);
    pairs[i] = n;
    if (n === 0) continue;
    if (!decompose) {
      if (anchor === -1) anchor = i;
      parent[i] = anchor;
      continue;
    }
    let ri = root(i);
    for (let c = 0; c < n; c++) {
      const rk = root(P + finder.ids[c]);
      if (rk !== ri) {
        parent[rk] = ri; // people stay roots where possible; any root will do
        ri = root(ri);
      }
    }
  }
  // Group people with candidates by component (people in index order within each).
  const compOf = new Int32Array(P).fill(-1);
  const compIndex = new Map<number, number>();
  const compPairs: number[] = [];
  const compSize: number[] = [];
  for (let i = 0; i < P; i++) {
    if (pairs[i] === 0) continue;
    const r = root(i);
    let c = compIndex.get(r);
    if (c === undefined) {
      c = compPairs.length;
      compIndex.set(r, c);
      compPairs.push(0);
      compSize.push(0);
    }
    compOf[i] = c;
    compPairs[c] += pairs[i];
    compSize[c]++;
  }
  const C = compPairs.length;
  const compStart = new Int32Array(C + 1);
  for (let c = 0; c < C; c++) compStart[c + 1] = compStart[c] + compSize[c];
  const compPeople = new Int32Array(compStart[C]);
  {
    const fill = compStart.slice(0, C);
    for (let i = 0; i < P; i++) if (compOf[i] >= 0) compPeople[fill[compOf[i]]++] = i;
  }

  // Per person: supporters matched so far (round order).
  const matchedCount = new Uint8Array(P);
  const matchedSup = new Int32Array(P * Math.max(1, target));
  const hasPair = (i: number, k: number) => {
    for (let r = 0; r < matchedCount[i]; r++) if (matchedSup[i * target + r] === k) return true;
    return false;
  };
  const found: { person: number; supporter: number; distanceM: number; round: number }[] = [];

  // Tiles for the approximation: an equirectangular grid (any partition would be valid).
  const tileOfPoint = (lng: number, lat: number) => {
    const tx = Math.floor((lng * 111_320 * 0.75) / tileM), ty = Math.floor((lat * 110_574) / tileM);
    return tx * 1_000_003 + ty;
  };
  const supTile = new Float64Array(S);
  available.forEach((s, k) => (supTile[k] = tileOfPoint(s.location!.lng, s.location!.lat)));

  // Scratch shared by all components: global supporter → local index.
  const localOf = new Int32Array(S).fill(-1);
  const localSup: number[] = [];
  const arcs = new ArcBuffer();
  const arcStartBuf: number[] = [];
  const waiting: number[] = [];
  let approximatedPeople = 0, approximatedComponents = 0;
  const usable = (i: number, k: number) => load[k] < capacity[k] && !hasPair(i, k);

  /**
   * Solves one round for `group` (people waiting for their `round`-th supporter) exactly, over the
   * pairs `pairsOf(i, add)` lists, and records the matches.
   */
  const solveGroup = (group: ArrayLike<number>, round: number, pairsOf: (i: number, add: (k: number, d: number) => void) => void) => {
    waiting.length = 0;
    arcs.length = 0;
    arcStartBuf.length = 0;
    localSup.length = 0;
    const addArc = (k: number, d: number) => {
      if (!usable(currentPerson, k)) return;
      if (localOf[k] === -1) {
        localOf[k] = localSup.length;
        localSup.push(k);
      }
      arcs.push(localOf[k], d);
    };
    let currentPerson = -1;
    for (let m = 0; m < group.length; m++) {
      const i = group[m];
      const before = arcs.length;
      currentPerson = i;
      pairsOf(i, addArc);
      if (arcs.length > before) {
        arcStartBuf.push(before);
        waiting.push(i);
      }
    }
    for (const k of localSup) localOf[k] = -1;
    if (waiting.length === 0) return;
    arcStartBuf.push(arcs.length);
    const slots = Int32Array.from(localSup, (k) => capacity[k] - load[k]);
    const arcSupporter = arcs.supporter.subarray(0, arcs.length);
    const arcDist = arcs.dist.subarray(0, arcs.length);
    const choice = solveRoundFast(waiting.length, localSup.length, Int32Array.from(arcStartBuf), arcSupporter, arcDist, slots);
    for (let w = 0; w < waiting.length; w++) {
      const a = choice[w];
      if (a < 0) continue;
      const i = waiting[w], k = localSup[arcSupporter[a]];
      matchedSup[i * target + matchedCount[i]++] = k;
      load[k]++;
      found.push({ person: i, supporter: k, distanceM: arcDist[a], round });
    }
  };

  for (let c = 0; c < C; c++) {
    const members = compPeople.subarray(compStart[c], compStart[c + 1]);
    const exact = compPairs[c] <= exactPairLimit;
    if (exact) {
      // The full candidate list once, in CSR by member; each round keeps the usable pairs.
      const fullStart = new Int32Array(members.length + 1);
      const fullSup = new Int32Array(compPairs[c]);
      const fullDist = new Float64Array(compPairs[c]);
      const memberPos = new Int32Array(members.length);
      let e = 0;
      members.forEach((i, m) => {
        const n = findFor(i);
        for (let q = 0; q < n; q++) {
          fullSup[e] = finder.ids[q];
          fullDist[e++] = finder.dist[q];
        }
        fullStart[m + 1] = e;
      });
      for (let round = 1; round <= target; round++) {
        const group: number[] = [];
        members.forEach((i, m) => {
          if (matchedCount[i] === round - 1) {
            group.push(i);
            memberPos[group.length - 1] = m;
          }
        });
        if (group.length === 0) break;
        let g = 0;
        solveGroup(group, round, (_i, add) => {
          const m = memberPos[g++];
          for (let q = fullStart[m]; q < fullStart[m + 1]; q++) add(fullSup[q], fullDist[q]);
        });
      }
      continue;
    }

    approximatedPeople += members.length;
    approximatedComponents++;
    for (let round = 1; round <= target; round++) {
      const group = Array.from(members).filter((i) => matchedCount[i] === round - 1);
      if (group.length === 0) break;
      // 1. Exactly within each tile (a small index per tile over its supporters with room left).
      const tileOf = new Float64Array(group.length);
      group.forEach((i, w) => (tileOf[w] = tileOfPoint(pLng[i], pLat[i])));
      const order = Array.from(group.keys()).sort((x, y) => tileOf[x] - tileOf[y] || group[x] - group[y]);
      const supByTile = new Map<number, number[]>();
      for (let k = 0; k < S; k++) {
        if (load[k] >= capacity[k]) continue;
        const list = supByTile.get(supTile[k]);
        if (list) list.push(k);
        else supByTile.set(supTile[k], [k]);
      }
      for (let from = 0; from < order.length; ) {
        let to = from;
        const tile = tileOf[order[from]];
        while (to < order.length && tileOf[order[to]] === tile) to++;
        const tileSup = supByTile.get(tile);
        if (tileSup) {
          const sub = new CandidateFinder(tileSup.map((k) => supporterPoint(available[k])!), radiusM);
          const tilePeople = order.slice(from, to).map((w) => group[w]);
          solveGroup(tilePeople, round, (i, add) => {
            const n = sub.find(pLng[i], pLat[i], pCos[i]);
            for (let q = 0; q < n; q++) add(tileSup[sub.ids[q]], sub.dist[q]);
          });
        }
        from = to;
      }
      // 2. Patch: everyone still waiting this round against every supporter with room left.
      const room: number[] = [];
      for (let k = 0; k < S; k++) if (load[k] < capacity[k]) room.push(k);
      if (room.length === 0) continue;
      const roomFinder = new CandidateFinder(room.map((k) => supporterPoint(available[k])!), radiusM);
      const left = group.filter((i) => matchedCount[i] === round - 1);
      solveGroup(left, round, (i, add) => {
        const n = roomFinder.find(pLng[i], pLat[i], pCos[i]);
        for (let q = 0; q < n; q++) add(room[roomFinder.ids[q]], roomFinder.dist[q]);
      });
    }
  }

  found.sort((a, b) => a.round - b.round || a.person - b.person);
  const matches: SupporterMatch[] = found.map((f) => ({ personId: people[f.person].id, supporterId: available[f.supporter].id, distanceM: f.distanceM, round: f.round }));
  const matched = (i: number) => matchedSup.subarray(i * target, i * target + matchedCount[i]);

  const sharedHazard: SupporterMatching['sharedHazard'] = [];
  if (options.hazards) {
    const hazards = options.hazards;
    people.forEach((p, i) => {
      if (matchedCount[i] === 0) return;
      const home = new Set(hazards.zonesAt(personPoint(p)!));
      if (home.size === 0) return;
      for (const k of matched(i)) {
        const shared = hazards.zonesAt(supporterPoint(available[k])!).filter((z) => home.has(z));
        if (shared.length > 0) sharedHazard.push({ personId: p.id, supporterId: available[k].id, zoneIds: shared.map((z) => hazards.zones[z].id) });
      }
    });
  }
  const loads = available.map((s, k) => ({ supporterId: s.id, load: load[k], capacity: capacity[k] }));
  return {
    matches,
    uncovered: people.filter((_, i) => matchedCount[i] === 0).map((p) => p.id),
    belowTarget: people.filter((_, i) => matchedCount[i] > 0 && matchedCount[i] < target).map((p) => p.id),
    loads,
    overloaded: loads.filter((l) => l.load > l.capacity).map((l) => l.supporterId),
    sharedHazard,
    totalDistanceM: matches.reduce((sum, m) => sum + m.distanceM, 0),
    approximatedPeople,
    approximatedComponents,
  };
}

/**
 * One round, with exact shortcuts for the many tiny components of a real city: one person takes
 * their nearest supporter; one supporter takes their nearest people up to the free slots.
 * Otherwise `solveMatchingRound`. Returns the arc chosen per person or -1.
 */
function solveRoundFast(P: number, S: number, arcStart: Int32Array, arcSupporter: Int32Array, arcDist: Float64Array, slots: Int32Array): Int32Array {
  const choice = new Int32Array(P).fill(-1);
  if (P === 1) {
    let best = -1;
    for (let a = arcStart[0]; a < arcStart[1]; a++) if (slots[arcSupporter[a]] > 0 && (best === -1 || arcDist[a] < arcDist[best])) best = a;
    choice[0] = best;
    return choice;
  }
  if (S === 1) {
    const order = Array.from({ length: P }, (_, w) => w).sort((x, y) => arcDist[arcStart[x]] - arcDist[arcStart[y]] || x - y);
    for (let q = 0; q < Math.min(slots[0], P); q++) choice[order[q]] = arcStart[order[q]];
    return choice;
  }
  return solveMatchingRound({ personCount: P, supporterCount: S, arcStart, arcSupporter, arcDist, slots });
}
