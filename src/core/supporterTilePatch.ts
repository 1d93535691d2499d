/**
 * Supporter matching's approximation for a component too large to solve exactly (“tile and
 * patch”, see `MatchingOptions.exactPairLimit` in core/supporterMatching.ts): each round is first
 * solved exactly inside square tiles (only pairs whose two homes are in the same tile), then once
 * more, exactly, for the people still without a supporter this round against every supporter with
 * room left (all their pairs within the radius, across tiles).
 */
import { METRES_PER_DEGREE_LAT, METRES_PER_DEGREE_LNG_AT_EQUATOR, type LngLat, type Metres } from './geo';
import { CandidateFinder, type HomePoints } from './supporterCandidates';
import type { MatchingRounds } from './supporterRounds';

/** cos(latitude) the tile grid assumes everywhere (any partition would be valid; this one is square near 41°N). */
const GRID_COS_LAT = 0.75;

export class TilePatch {
  /** Tile of each supporter. */
  private readonly supTile: Float64Array;

  /**
   * `homes`: the people's; `supporters`: the available supporters' homes; `tileM`: the tile side
   * (at least 2 × `radiusM`).
   */
  constructor(
    private readonly homes: HomePoints, private readonly supporters: readonly LngLat[], private readonly radiusM: Metres, private readonly tileM: Metres,
  ) {
    this.supTile = Float64Array.from(supporters, ([lng, lat]) => this.tileOf(lng, lat));
  }

  /** Runs every round for the people `members` of one component (see the module comment). */
  matchComponent(rounds: MatchingRounds, members: Int32Array): void {
    const { homes, supporters, supTile, radiusM } = this;
    const S = supporters.length;
    for (let round = 1; round <= rounds.target; round++) {
      const group = Array.from(members).filter((i) => rounds.matchedCount[i] === round - 1);
      if (group.length === 0) break;
      // 1. Exactly within each tile (a small index per tile over its supporters with room left).
      const tileOf = new Float64Array(group.length);
      group.forEach((i, w) => (tileOf[w] = this.tileOf(homes.lng[i], homes.lat[i])));
      const order = Array.from(group.keys()).sort((x, y) => tileOf[x] - tileOf[y] || group[x] - group[y]);
      const supByTile = new Map<number, number[]>();
      for (let k = 0; k < S; k++) {
        if (!rounds.hasRoom(k)) continue;
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
          const sub = new CandidateFinder(tileSup.map((k) => supporters[k]), radiusM);
          const tilePeople = order.slice(from, to).map((w) => group[w]);
          rounds.solveGroup(tilePeople, round, (i, add) => {
            const n = sub.find(homes.lng[i], homes.lat[i], homes.cos[i]);
            for (let q = 0; q < n; q++) add(tileSup[sub.ids[q]], sub.dist[q]);
          });
        }
        from = to;
      }
      // 2. Patch: everyone still waiting this round against every supporter with room left.
      const room: number[] = [];
      for (let k = 0; k < S; k++) if (rounds.hasRoom(k)) room.push(k);
      if (room.length === 0) continue;
      const roomFinder = new CandidateFinder(room.map((k) => supporters[k]), radiusM);
      const left = group.filter((i) => rounds.matchedCount[i] === round - 1);
      rounds.solveGroup(left, round, (i, add) => {
        const n = roomFinder.find(homes.lng[i], homes.lat[i], homes.cos[i]);
        for (let q = 0; q < n; q++) add(room[roomFinder.ids[q]], roomFinder.dist[q]);
      });
    }
  }

  /** The tile of a point: an equirectangular grid of `tileM` squares, one number per tile. */
  private tileOf(lng: number, lat: number): number {
    const tx = Math.floor((lng * METRES_PER_DEGREE_LNG_AT_EQUATOR * GRID_COS_LAT) / this.tileM), ty = Math.floor((lat * METRES_PER_DEGREE_LAT) / this.tileM);
    return tx * 1_000_003 + ty;
  }
}
