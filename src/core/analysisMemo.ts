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
import type { EdgeZones, NodeVertices, PersonAnalysis } from './evacuationAnalysis';
import type { HazardHit, HazardIndex } from './hazardAtHome';
import type { RoadNearest } from './roadDistance';
import type { NodeSnapper, RoadGraph } from './roadGraph';
import type { ShelterIndex } from './shelterIndex';
import type { SupporterMatching } from './supporterMatching';
import type { WelfareAllocation } from './welfareAllocation';

/** What each stage of the engine remembers (core/evacuationAnalysis.ts builds them). */
export interface AnalysisStageValues {
  /** Homes `[lng0, lat0, …]` degrees, NaN when not placed. */
  points: Float64Array;
  hazardIndex: HazardIndex;
  /** Per person, the zones (any hazard) around their home. */
  homeZones: HazardHit[][];
  shelterIndex: ShelterIndex;
  /** Per home, the nearest suitable shelter in a straight line. */
  nearest: ReturnType<ShelterIndex['nearestForPoints']>;
  roadGraph: RoadGraph;
  snapper: NodeSnapper;
  /** Edges closed for the scenario hazard (null: none). */
  closedEdges: Uint8Array | null;
  /** Homes snapped to road nodes. */
  homeSnap: ReturnType<NodeSnapper['snapPoints']>;
  roadNearest: RoadNearest;
  edgeZones: EdgeZones;
  routeVertices: NodeVertices;
  destinations: PersonAnalysis['destination'][];
  welfareNearest: PersonAnalysis['nearestWelfare'][];
  allocation: { allocation: WelfareAllocation; byPerson: Map<string, WelfareAllocation['assignments'][number]> };
  matching: { matching: SupporterMatching; byPerson: Map<string, PersonAnalysis['supporters']> };
  results: PersonAnalysis[];
}

/** The stages the engine remembers (one slot each). */
export type AnalysisStage = keyof AnalysisStageValues;

/** One remembered result of a stage and the inputs it was built from. */
interface StageEntry<T> {
  deps: readonly unknown[];
  value: T;
}

/** Per stage, its remembered results. */
type StageSlots = { [K in AnalysisStage]?: StageEntry<AnalysisStageValues[K]>[] };

/** How many results a stage keeps (most keep one; scenario-hazard stages keep one per recent hazard). */
const SCENARIO_SLOTS: Partial<Record<AnalysisStage, number>> = { nearest: 4, closedEdges: 4, roadNearest: 4, destinations: 4 };

export class AnalysisMemo {
  /** Per stage, its remembered results, most recently used last. */
  private slots: StageSlots = {};

  /** `onBuild(stage)` is called whenever a stage is computed rather than reused (for tests and logs). */
  constructor(private readonly onBuild?: (stage: AnalysisStage) => void) {}

  /** The stage's remembered result when `deps` equal the last ones, else `build()`'s (remembered). */
  stage<K extends AnalysisStage>(stage: K, deps: readonly unknown[], build: () => AnalysisStageValues[K]): AnalysisStageValues[K] {
    const entries: NonNullable<StageSlots[K]> = this.slots[stage] ?? [];
    const hit = entries.findIndex((e) => sameDeps(e.deps, deps));
    if (hit >= 0) {
      const [entry] = entries.splice(hit, 1);
      entries.push(entry);
      return entry.value;
    }
    // Drop the oldest result first when full, so it can be collected while the new one is built.
    const keep = SCENARIO_SLOTS[stage] ?? 1;
    while (entries.length >= keep) entries.shift();
    this.slots[stage] = entries;
    this.onBuild?.(stage);
    const value = build();
    entries.push({ deps, value });
    return value;
  }

  /** Forgets every stage (e.g. after a failed run, or to free memory). */
  clear(): void {
    this.slots = {};
  }
}

function sameDeps(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}
