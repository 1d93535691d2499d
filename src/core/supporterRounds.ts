/**
 * The state of supporter matching across its rounds (core/supporterMatching.ts) — each supporter's
 * load against their capacity, each person's supporters so far — and the solving of one group of
 * people for one round as a min-cost flow (core/matchingRoundFlow.ts). People and supporters are
 * positions in the matching's lists (supporters: the available ones).
 */
import type { Metres } from './geo';
import { solveRoundFast } from './matchingRoundFlow';

/** A pair a round matched. */
export interface FoundPair {
  person: number;
  supporter: number;
  distanceM: Metres;
  /** 1 = first supporter, 2 = second… */
  round: number;
}

/** Lists a person's candidate pairs: `add(supporter, metres)` for each. */
export type PairLister = (person: number, add: (supporter: number, distanceM: Metres) => void) => void;

/** The rounds so far and the solving of the next group; see the module comment. */
export class MatchingRounds {
  /** Matches so far per supporter. */
  readonly load: Int32Array;
  /** Supporters matched so far per person. */
  readonly matchedCount: Uint8Array;
  /** Every pair matched, in the order found. */
  readonly found: FoundPair[] = [];
  /** Person `i`'s supporters in round order: `matchedSup[i * target …]`. */
  private readonly matchedSup: Int32Array;
  // Scratch shared by every group: global supporter → local index, and the group's arcs.
  private readonly localOf: Int32Array;
  private readonly localSup: number[] = [];
  private readonly arcs = new ArcBuffer();
  private readonly arcStartBuf: number[] = [];
  private readonly waiting: number[] = [];

  /** `capacity`: the most people each supporter may take; `target`: supporters wanted per person. */
  constructor(personCount: number, readonly capacity: Int32Array, readonly target: number) {
    this.load = new Int32Array(capacity.length);
    this.matchedCount = new Uint8Array(personCount);
    this.matchedSup = new Int32Array(personCount * Math.max(1, target));
    this.localOf = new Int32Array(capacity.length).fill(-1);
  }

  /** True when supporter `k` can take one more person. */
  hasRoom(k: number): boolean {
    return this.load[k] < this.capacity[k];
  }

  /** Person `i`'s supporters so far, in round order. */
  matched(i: number): Int32Array {
    return this.matchedSup.subarray(i * this.target, i * this.target + this.matchedCount[i]);
  }

  /**
   * Solves one round for `group` (people waiting for their `round`-th supporter) exactly, over the
   * pairs `pairsOf` lists that are still usable (room left, not already this person's supporter),
   * and records the matches.
   */
  solveGroup(group: ArrayLike<number>, round: number, pairsOf: PairLister): void {
    const { waiting, arcs, arcStartBuf, localSup, localOf, load, capacity, matchedCount, matchedSup, target } = this;
    waiting.length = 0;
    arcs.length = 0;
    arcStartBuf.length = 0;
    localSup.length = 0;
    let currentPerson = -1;
    const addArc = (k: number, d: Metres) => {
      if (!(load[k] < capacity[k] && !this.hasPair(currentPerson, k))) return;
      if (localOf[k] === -1) {
        localOf[k] = localSup.length;
        localSup.push(k);
      }
      arcs.push(localOf[k], d);
    };
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
    const choice = solveRoundFast({ personCount: waiting.length, supporterCount: localSup.length, arcStart: Int32Array.from(arcStartBuf), arcSupporter, arcDist, slots });
    for (let w = 0; w < waiting.length; w++) {
      const a = choice[w];
      if (a < 0) continue;
      const i = waiting[w], k = localSup[arcSupporter[a]];
      matchedSup[i * target + matchedCount[i]++] = k;
      load[k]++;
      this.found.push({ person: i, supporter: k, distanceM: arcDist[a], round });
    }
  }

  private hasPair(i: number, k: number): boolean {
    const { matchedCount, matchedSup, target } = this;
    for (let r = 0; r < matchedCount[i]; r++) if (matchedSup[i * target + r] === k) return true;
    return false;
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
