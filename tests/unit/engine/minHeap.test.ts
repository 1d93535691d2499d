import { describe, expect, it } from 'vitest';
import { MinHeap } from '../../../src/core/minHeap';
import { randInt, seededRandom } from './random';

/** Pops everything as `[key, value]` pairs. */
function drain(heap: MinHeap): [number, number][] {
  const out: [number, number][] = [];
  while (heap.length > 0) {
    const key = heap.peekKey();
    const value = heap.peekValue();
    expect(heap.pop()).toBe(value);
    out.push([key, value]);
  }
  return out;
}

describe('MinHeap', () => {
  it('pops keys in ascending order, each with its own value, growing past its initial capacity', () => {
    const rand = seededRandom(11);
    const heap = new MinHeap(4);
    const pushed: [number, number][] = [];
    for (let i = 0; i < 2000; i++) {
      const key = rand() * 1000;
      heap.push(key, i);
      pushed.push([key, i]);
    }
    expect(heap.length).toBe(2000);
    const popped = drain(heap);
    expect(popped.map(([k]) => k)).toEqual(pushed.map(([k]) => k).sort((a, b) => a - b));
    const valueOf = new Map(pushed.map(([k, v]) => [v, k]));
    for (const [k, v] of popped) expect(valueOf.get(v)).toBe(k);
  });

  it('interleaved pushes and pops always take the smallest key there is (lazy deletion: the same value may be pushed again)', () => {
    const rand = seededRandom(12);
    const heap = new MinHeap(8);
    const shadow: [number, number][] = [];
    for (let step = 0; step < 5000; step++) {
      if (shadow.length > 0 && rand() < 0.45) {
        const smallest = Math.min(...shadow.map(([k]) => k));
        expect(heap.peekKey()).toBe(smallest);
        const value = heap.pop();
        const at = shadow.findIndex(([k, v]) => k === smallest && v === value);
        expect(at).toBeGreaterThanOrEqual(0);
        shadow.splice(at, 1);
      } else {
        const key = randInt(rand, 50); // many equal keys
        const value = randInt(rand, 20);
        heap.push(key, value);
        shadow.push([key, value]);
      }
      expect(heap.length).toBe(shadow.length);
    }
  });

  it('handles infinite and negative keys, and clear() empties it for reuse', () => {
    const heap = new MinHeap(1);
    for (const [k, v] of [[Infinity, 1], [-5, 2], [0, 3], [-Infinity, 4], [2.5, 5]] as const) heap.push(k, v);
    expect(drain(heap)).toEqual([[-Infinity, 4], [-5, 2], [0, 3], [2.5, 5], [Infinity, 1]]);
    heap.push(3, 30);
    heap.push(1, 10);
    heap.clear();
    expect(heap.length).toBe(0);
    heap.push(7, 70);
    expect(drain(heap)).toEqual([[7, 70]]);
  });
});
