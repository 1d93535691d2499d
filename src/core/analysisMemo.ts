/**
 * A memo of the evacuation engine's stages (core/evacuationAnalysis.ts), kept between runs so a
 * re-run rebuilds only the stages whose inputs changed. Each stage is remembered once (its last
 * inputs and result): a stage is reused when every input is the same as last time, compared with
 * `Object.is` — arrays and built objects by identity, settings by value (numbers, strings,
 * booleans). Callers that want reuse keep their input arrays' identity while the data is the same
 * (the engine worker's store cache does: workers/engineStore.ts). Pure: no DOM, no IndexedDB.
 */

/** The stages the engine remembers (one slot each). */
export type AnalysisStage =
  | 'points'
  | 'hazardIndex'
  | 'homeZones'
  | 'shelterIndex'
  | 'nearest'
  | 'roadGraph'
  | 'snapper'
  | 'closedEdges'
  | 'homeSnap'
  | 'edgeZones'
  | 'routeVertices'
  | 'roadNearest'
  | 'destinations'
  | 'welfareNearest'
  | 'allocation'
  | 'matching'
  | 'results';

export class AnalysisMemo {
  private readonly slots = new Map<AnalysisStage, { deps: readonly unknown[]; value: unknown }>();

  /** `onBuild(stage)` is called whenever a stage is computed rather than reused (for tests and logs). */
  constructor(private readonly onBuild?: (stage: AnalysisStage) => void) {}

  /** The stage's remembered result when `deps` equal the last ones, else `build()`'s (remembered). */
  stage<T>(stage: AnalysisStage, deps: readonly unknown[], build: () => T): T {
    const slot = this.slots.get(stage);
    if (slot && sameDeps(slot.deps, deps)) return slot.value as T;
    // Drop the old result first, so it can be collected while the new one is built.
    this.slots.delete(stage);
    this.onBuild?.(stage);
    const value = build();
    this.slots.set(stage, { deps, value });
    return value;
  }

  /** Forgets every stage (e.g. after a failed run, or to free memory). */
  clear(): void {
    this.slots.clear();
  }
}

function sameDeps(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}
