import { describe, expect, it } from 'vitest';
import { placeLabels, type LabelRequest, type PlacedLabel } from '../../../src/core/labelPlacement';

const box = (l: PlacedLabel) => ({ left: l.left, top: l.top, right: l.left + l.width, bottom: l.top + l.height });
const overlap = (a: PlacedLabel, b: PlacedLabel) => {
  const [p, q] = [box(a), box(b)];
  return p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom;
};
/** A label box the size the printed numbers have: 7 px per digit plus padding, 12 px tall. */
const label = (x: number, y: number, n: number): LabelRequest => ({ x, y, width: 7 * String(n).length + 5, height: 12 });

/** A deterministic scatter (no Math.random: the same cluster every run). */
function cluster(count: number, cx: number, cy: number, spread: number): [number, number][] {
  return Array.from({ length: count }, (_, i) => {
    const a = i * 2.399963; // golden angle
    const r = spread * Math.sqrt((i + 0.5) / count);
    return [cx + r * Math.cos(a), cy + r * Math.sin(a)];
  });
}

describe('number labels on the printed map', () => {
  it('puts a lone label right beside its point, without a leader line', () => {
    const [l] = placeLabels([label(100, 100, 1)], { width: 400, height: 300, markerRadius: 4 });
    expect(l).toMatchObject({ displaced: false, overlapping: false });
    expect(l.left).toBeGreaterThanOrEqual(104);
    expect(Math.abs(l.top + l.height / 2 - 100)).toBeLessThan(0.01);
  });

  it('stays inside the map at its edges', () => {
    const placed = placeLabels([label(398, 2, 12), label(1, 299, 7)], { width: 400, height: 300, markerRadius: 4 });
    for (const l of placed) {
      expect(l.left).toBeGreaterThanOrEqual(0);
      expect(l.top).toBeGreaterThanOrEqual(0);
      expect(l.left + l.width).toBeLessThanOrEqual(400);
      expect(l.top + l.height).toBeLessThanOrEqual(300);
    }
  });

  it('never overlaps two labels or a label and a point in a dense cluster: 80 homes within 40 px, displaced ones get a leader line', () => {
    const points = [...cluster(80, 300, 200, 40), ...cluster(40, 520, 120, 90)];
    const requests = points.map(([x, y], i) => label(x, y, i + 1));
    const placed = placeLabels(requests, { width: 700, height: 400, markerRadius: 3 });
    expect(placed.filter((l) => l.overlapping)).toEqual([]);
    for (let i = 0; i < placed.length; i++) {
      for (let j = i + 1; j < placed.length; j++) expect(overlap(placed[i], placed[j]), `${i + 1} and ${j + 1}`).toBe(false);
      for (const [x, y] of points) {
        const b = box(placed[i]);
        expect(x > b.left - 3 && x < b.right + 3 && y > b.top - 3 && y < b.bottom + 3, `label ${i + 1} covers a point`).toBe(false);
      }
    }
    const displaced = placed.filter((l) => l.displaced);
    expect(displaced.length).toBeGreaterThan(0);
    for (const l of displaced) {
      const b = box(l);
      const [x, y] = l.lineTo;
      expect(x >= b.left && x <= b.right && y >= b.top && y <= b.bottom).toBe(true);
      expect(x === b.left || x === b.right || y === b.top || y === b.bottom).toBe(true);
    }
  });

  it('places greedily by priority: of two labels wanting the same place, the one given first gets it', () => {
    // Two homes a pixel apart both want the place right of them (the first one tried).
    const a = label(100, 100, 1);
    const b = label(101, 100, 2);
    const opts = { width: 400, height: 300, markerRadius: 3 };
    const rightOf = (l: PlacedLabel, q: LabelRequest) => l.left > q.x && Math.abs(l.top + l.height / 2 - q.y) < 0.01;
    const [fa, fb] = placeLabels([a, b], opts);
    expect(rightOf(fa, a)).toBe(true);
    expect(rightOf(fb, b)).toBe(false);
    const [sb, sa] = placeLabels([b, a], opts);
    expect(rightOf(sb, b)).toBe(true);
    expect(rightOf(sa, a)).toBe(false);
    expect(overlap(fa, fb) || overlap(sa, sb)).toBe(false);
  });
});
