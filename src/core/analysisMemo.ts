/**
 * A memo of the evacuation engine's stages (core/evacuationAnalysis.ts), kept between runs so a
 * re-run rebuilds only the stages whose inputs changed. Most stages are remembered once (their last
 * inputs and result); the stages that depend on the scenario hazard keep one result per hazard for
 * the last few hazards (`SCENARIO_SLOTS`), so switching 洪水 → 土砂災害 → 洪水 reuses the first run's
 * destinations instead of recomputing them. A stage is reused when every input is the same, compared with
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

/** How many results a stage keeps (most keep one; scenario-hazard stages keep one per recent hazard). */
const SCENARIO_SLOTS: Partial<Record<AnalysisStage, number>> = { nearest: 4, closedEdges: 4, roadNearest: 4, destinations: 4 };

export class AnalysisMemo {
  /** Per stage, its remembered results, most recently used last. */
  private readonly slots = new Map<AnalysisStage, { deps: readonly unknown[]; value: unknown }[]>();

  /** `onBuild(stage)` is called whenever a stage is computed rather than reused (for tests and logs). */
  constructor(private readonly onBuild?: (stage: AnalysisStage) => void) {}

  /** The stage's remembered result when `deps` equal the last ones, else `build()`'s (remembered). */
  stage<T>(stage: AnalysisStage, deps: readonly unknown[], build: () => T): T {
    const entries = this.slots.get(stage) ?? [];
    const hit = entries.findIndex((e) => sameDeps(e.deps, deps));
    if (hit >= 0) {
      const [entry] = entries.splice(hit, 1);
      entries.push(entry);
      return entry.value as T;
    }
    // Drop the oldest result first when full, so it can be collected while the new one is built.
    const keep = SCENARIO_SLOTS[stage] ?? 1;
    while (entries.length >= keep) entries.shift();
    this.slots.set(stage, entries);
    this.onBuild?.(stage);
    const value = build();
    entries.push({ deps, value });
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
