import { AnalysisMemo, type AnalysisStage } from '../core/analysisMemo';
import { analyseEvacuationStaged, type AnalysisInput, type AnalysisPrebuilt, type AnalysisSettings } from '../core/evacuationAnalysis';
import { replanAffected, type Disruption } from '../core/replan';
import { errorMessage } from '../core/thrown';
import { HinanDatabase } from '../db/schema';
import { ENGINE_PART, type EngineRequest, type EngineResponse, type EngineScope } from './engineProtocol';
import { EngineStore, type EngineStorePart } from './engineStore';
import { roadRouteAnswer, suggestionsFor } from './planQueries';

/** Thrown at a stage boundary of a run that a newer request on its channel (or a cancel) replaced. */
const SUPERSEDED = Symbol('superseded');

/** Lets queued messages in (a newer `analyse`, a `cancel`) before the next stage. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export interface EngineHostOptions {
  /** Opens a database by name (default: `new HinanDatabase(name)`). */
  openDb?: (name: string) => HinanDatabase;
  /** Called when the store reads or builds a part (tests count rebuilds). */
  onStoreBuild?: (part: EngineStorePart) => void;
  /** Called when a stage of the engine is computed rather than reused. */
  onStageBuild?: (stage: AnalysisStage, channel: string) => void;
}

/**
 * What the engine worker does with each request (workers/engineProtocol.ts), apart from the
 * worker's message plumbing (workers/engineWorker.ts), so tests can drive it in Node. One store
 * view per database, kept for the worker's life; one stage memo per channel (the map's and the
 * 地区カルテ's runs, over different people, do not evict each other's stages).
 */
export class EngineHost {
  private readonly stores = new Map<string, EngineStore>();
  private readonly memos = new Map<string, AnalysisMemo>();
  /** Per channel, the id of the run that may finish (a newer `analyse` or a `cancel` replaces it). */
  private readonly current = new Map<string, number>();

  constructor(
    private readonly post: (message: EngineResponse) => void,
    private readonly options: EngineHostOptions = {},
  ) {}

  /** Handles one request; resolves when its answer (or `superseded`) has been posted. */
  async handle(m: EngineRequest): Promise<void> {
    if (m.type === 'cancel') {
      this.current.delete(m.channel);
      return;
    }
    const { id } = m;
    try {
      if (m.type === 'analyse') await this.analyse(id, m.channel, m.scope, m.settings);
      else if (m.type === 'roadRoute') this.post({ id, type: 'roadRoute', answer: await roadRouteAnswer(this.store(m.scope), m.scope, m.query) });
      else if (m.type === 'suggest') this.post({ id, type: 'suggestions', suggestions: await suggestionsFor(this.store(m.scope), m.scope, m.person) });
      else if (m.type === 'replan') await this.replan(id, m.scope, m.settings, m.disruption, m.channel ?? 'replan');
    } catch (err) {
      if (err === SUPERSEDED) this.post({ id, type: 'superseded' });
      else this.post({ id, type: 'failed', message: `計算できませんでした（${errorMessage(err)}）。` });
    }
  }

  /** The store view of the scope's database. */
  store(scope: EngineScope): EngineStore {
    let store = this.stores.get(scope.dbName);
    if (!store) {
      const db = this.options.openDb?.(scope.dbName) ?? new HinanDatabase(scope.dbName);
      this.stores.set(scope.dbName, (store = new EngineStore(db, this.options.onStoreBuild)));
    }
    return store;
  }

  private memo(channel: string): AnalysisMemo {
    let memo = this.memos.get(channel);
    if (!memo) {
      const onStage = this.options.onStageBuild;
      this.memos.set(channel, (memo = new AnalysisMemo(onStage && ((stage) => onStage(stage, channel)))));
    }
    return memo;
  }

  private async analyse(id: number, channel: string, scope: EngineScope, settings: AnalysisSettings): Promise<void> {
    this.current.set(channel, id);
    const check = () => {
      if (this.current.get(channel) !== id) throw SUPERSEDED;
    };
    const { input, prebuilt } = await this.inputs(scope, settings, check);
    const analysis = await analyseEvacuationStaged(input, settings, {
      memo: this.memo(channel),
      prebuilt,
      onProgress: (done, total) => this.post({ id, type: 'progress', done, total }),
      pause: async () => {
        await nextTask();
        check();
      },
    });
    check();
    for (let i = 0; i < analysis.people.length; i += ENGINE_PART) this.post({ id, type: 'people', people: analysis.people.slice(i, i + ENGINE_PART) });
    this.post({ id, type: 'result', analysis: { ...analysis, people: [] } });
    if (this.current.get(channel) === id) this.current.delete(channel);
  }

  /** The engine's inputs for the scope, as the store keeps them; `check()` after each wait may stop the run. */
  private async inputs(scope: EngineScope, settings: AnalysisSettings, check: () => void): Promise<{ input: AnalysisInput; prebuilt: AnalysisPrebuilt }> {
    const store = this.store(scope);
    const [people, shelters, supporters, hazardZones, hazardCoverage, hazardIndex, roads, hazardReadings] = await Promise.all([
      store.people(scope),
      store.shelters(scope),
      store.supporters(scope),
      store.hazardZones(scope),
      store.hazardCoverage(scope),
      store.hazardIndex(scope),
      store.roads(scope),
      store.hazardReadings(scope),
    ]);
    check();
    const closedEdges = settings.avoidHazardRoads && roads ? await store.closedEdges(scope, settings.hazard) : null;
    check();
    return { input: { people, shelters, supporters, hazardZones, hazardCoverage, hazardReadings, roads: [] }, prebuilt: { hazardIndex, roads, closedEdges } };
  }

  /**
   * Plan B: the analysis of the scope under `settings` (reusing `channel`'s stage memo; never
   * superseded), the plans of its people, then only the people `disruption` affects, re-planned.
   */
  private async replan(id: number, scope: EngineScope, settings: AnalysisSettings, disruption: Disruption, channel: string): Promise<void> {
    const { input, prebuilt } = await this.inputs(scope, settings, () => {});
    const analysis = await analyseEvacuationStaged(input, settings, { memo: this.memo(channel), prebuilt, pause: nextTask });
    const plans = await this.store(scope).plans(scope);
    const people = replanAffected({ people: input.people, analysis: analysis.people, plans, shelters: input.shelters, supporters: input.supporters, settings, disruption });
    this.post({ id, type: 'replanned', people });
  }
}
