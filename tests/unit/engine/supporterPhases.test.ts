import { describe, expect, it } from 'vitest';
import { cosLat, distanceMetres, type LngLat } from '../../../src/core/geo';
import { CandidateFinder } from '../../../src/core/supporterCandidates';
import { candidateComponents, type CandidateSource } from '../../../src/core/supporterComponents';
import { MatchingRounds } from '../../../src/core/supporterRounds';
import { randInt, seededRandom } from './random';

/** Candidates from an explicit list of pairs per person. */
function listedCandidates(pairs: number[][]): CandidateSource {
  const source = {
    ids: new Int32Array(16),
    findFor(i: number) {
      source.ids.set(pairs[i]);
      return pairs[i].length;
    },
  };
  return source;
}

describe('the phases of supporter matching', () => {
  it('CandidateFinder finds exactly the supporters within the radius (seeded, against brute force)', () => {
    const rand = seededRandom(71);
    const supporters: LngLat[] = Array.from({ length: 400 }, () => [139.9 + rand() * 0.05, 37.48 + rand() * 0.04]);
    for (const radiusM of [0, 150, 500, 2000]) {
      const finder = new CandidateFinder(supporters, radiusM);
      for (let q = 0; q < 100; q++) {
        const home: LngLat = q === 0 ? supporters[0] : [139.9 + rand() * 0.05, 37.48 + rand() * 0.04];
        const n = finder.find(home[0], home[1], cosLat(home[1]));
        const found = new Map(Array.from(finder.ids.subarray(0, n), (k, c) => [k, finder.dist[c]]));
        const expected = supporters.flatMap((s, k) => (distanceMetres(home, s) <= radiusM ? [k] : []));
        expect([...found.keys()].sort((a, b) => a - b)).toEqual(expected);
        for (const [k, d] of found) expect(d).toBe(distanceMetres(home, supporters[k]));
      }
    }
    expect(new CandidateFinder([], 500).find(139.9, 37.5, 0.8)).toBe(0);
  });

  it('candidateComponents groups people who share supporters, directly or through others; people without candidates are left out', () => {
    // People 0–1 share supporter 0; person 2 reaches supporter 1, which person 4 shares; person 3 has none; person 5 alone with supporter 2.
    const candidates = listedCandidates([[0], [0], [1], [], [1], [2]]);
    const c = candidateComponents(6, 3, candidates, true);
    expect(c.count).toBe(3);
    const groups = Array.from({ length: c.count }, (_, k) => Array.from(c.members.subarray(c.start[k], c.start[k + 1])));
    expect(groups).toEqual([[0, 1], [2, 4], [5]]);
    expect(c.pairs).toEqual([2, 2, 1]);
    const whole = candidateComponents(6, 3, candidates, false);
    expect(whole.count).toBe(1);
    expect(Array.from(whole.members)).toEqual([0, 1, 2, 4, 5]);
    expect(candidateComponents(6, 0, candidates, true).count).toBe(0);
  });

  it('candidateComponents on seeded random pairs: no pair crosses two components, and every person with pairs is in one', () => {
    const rand = seededRandom(72);
    const P = 300, S = 120;
    const pairs = Array.from({ length: P }, () => Array.from(new Set(Array.from({ length: randInt(rand, 3) }, () => randInt(rand, S)))));
    const c = candidateComponents(P, S, listedCandidates(pairs), true);
    const compOf = new Int32Array(P).fill(-1);
    for (let k = 0; k < c.count; k++) for (const i of c.members.subarray(c.start[k], c.start[k + 1])) compOf[i] = k;
    const supporterComp = new Map<number, number>();
    pairs.forEach((list, i) => {
      expect(compOf[i] >= 0).toBe(list.length > 0);
      for (const k of list) {
        if (!supporterComp.has(k)) supporterComp.set(k, compOf[i]);
        expect(supporterComp.get(k)).toBe(compOf[i]);
      }
    });
    expect(c.pairs.reduce((a, b) => a + b, 0)).toBe(pairs.reduce((a, l) => a + l.length, 0));
  });

  it('MatchingRounds: a round skips supporters already full or already the person’s, and records load and pairs', () => {
    const rounds = new MatchingRounds(3, Int32Array.of(1, 2), 2);
    // Round 1: everyone lists both supporters; supporter 0 is nearer.
    rounds.solveGroup([0, 1, 2], 1, (i, add) => {
      add(0, 10 + i);
      add(1, 100 + i);
    });
    expect(Array.from(rounds.load)).toEqual([1, 2]);
    expect(Array.from(rounds.matchedCount)).toEqual([1, 1, 1]);
    expect(rounds.hasRoom(0) || rounds.hasRoom(1)).toBe(false);
    // Round 2: nobody has room left.
    rounds.solveGroup([0, 1, 2], 2, (_i, add) => add(1, 5));
    expect(rounds.found).toHaveLength(3);
    expect(rounds.found.reduce((s, f) => s + f.distanceM, 0)).toBe(10 + 101 + 102);
    const mine = new MatchingRounds(1, Int32Array.of(3), 2);
    mine.solveGroup([0], 1, (_i, add) => add(0, 7));
    mine.solveGroup([0], 2, (_i, add) => add(0, 7)); // the same supporter twice: not a second pair
    expect(Array.from(mine.matched(0))).toEqual([0]);
  });
});
