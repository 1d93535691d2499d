/**
 * A binary min-heap of (key, value) pairs on typed arrays: Float64 keys, Int32 values. Grows as
 * needed. No decrease-key: push again and skip stale pops (lazy deletion), which is the fastest
 * choice for Dijkstra on sparse graphs.
 */
export class MinHeap {
  private keys: Float64Array;
  private values: Int32Array;
  length = 0;

  constructor(initialCapacity = 1024) {
    this.keys = new Float64Array(Math.max(4, initialCapacity));
    this.values = new Int32Array(Math.max(4, initialCapacity));
  }

  clear(): void {
    this.length = 0;
  }

  push(key: number, value: number): void {
    if (this.length === this.keys.length) this.grow();
    const keys = this.keys, values = this.values;
    let pos = this.length++;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      const parentKey = keys[parent];
      if (key >= parentKey) break;
      keys[pos] = parentKey;
      values[pos] = values[parent];
      pos = parent;
    }
    keys[pos] = key;
    values[pos] = value;
  }

  /** Key of the smallest pair (undefined behaviour when empty). */
  peekKey(): number {
    return this.keys[0];
  }

  /** Value of the smallest pair (undefined behaviour when empty). */
  peekValue(): number {
    return this.values[0];
  }

  /** Removes the smallest pair and returns its value; read its key with `peekKey()` first. */
  pop(): number {
    const keys = this.keys, values = this.values;
    const top = values[0];
    const n = --this.length;
    if (n > 0) {
      const key = keys[n], value = values[n];
      let pos = 0;
      const half = n >> 1;
      while (pos < half) {
        let child = 2 * pos + 1;
        const right = child + 1;
        if (right < n && keys[right] < keys[child]) child = right;
        if (keys[child] >= key) break;
        keys[pos] = keys[child];
        values[pos] = values[child];
        pos = child;
      }
      keys[pos] = key;
      values[pos] = value;
    }
    return top;
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    const values = new Int32Array(this.values.length * 2);
    values.set(this.values);
    this.keys = keys;
    this.values = values;
  }
}
