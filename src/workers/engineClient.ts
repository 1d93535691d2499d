import type { AnalysisSettings, EvacuationAnalysis, PersonAnalysis } from '../core/evacuationAnalysis';
import type { Person } from '../core/person';
import type { PlanSuggestions } from '../core/planSuggestions';
import type { Disruption, ReplannedPerson } from '../core/replan';
import { errorMessage } from '../core/thrown';
import type { EngineRequest, EngineResponse, EngineScope, RoadRouteAnswer, RoadRouteQuery } from './engineProtocol';

/** A scope as the page gives it: the client adds its database name. */
export type PageScope = Omit<EngineScope, 'dbName'>;

type Pending =
  | { kind: 'analyse'; resolve: (a: EvacuationAnalysis) => void; reject: (e: Error) => void; onProgress?: (done: number, total: number) => void; people: PersonAnalysis[] }
  | { kind: 'roadRoute'; resolve: (a: RoadRouteAnswer) => void; reject: (e: Error) => void }
  | { kind: 'suggest'; resolve: (s: PlanSuggestions) => void; reject: (e: Error) => void }
  | { kind: 'replan'; resolve: (people: ReplannedPerson[]) => void; reject: (e: Error) => void };

/**
 * The page's own words when the worker itself fails (it could not start, or stopped). A failure
 * inside a computation comes from the worker as 「計算できませんでした（…）。」; that sentence lives
 * only in the worker's code, so the page's script never carries it.
 */
const failure = (why: string) => new Error(`計算処理が止まりました（${why}）。もう一度操作すると、計算をやり直します。`);

/**
 * The page's one way to the evacuation engine: a single worker (workers/engineWorker.ts), started
 * on the first request and again after a crash, that reads the store itself and keeps what it
 * built across requests. The page sends only what to compute (a scope of keys and the settings);
 * it never posts people, zones or roads. A failed computation rejects with the worker's
 * 「計算できませんでした（…）。」; a crashed worker with 「計算処理が止まりました（…）。…」.
 */
export class EngineClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Per channel, the id of the latest `analyse` (only it may settle). */
  private readonly channels = new Map<string, number>();

  constructor(private readonly dbName: string) {}

  /**
   * The whole evacuation analysis for the people of `scope`, computed in the worker. A newer call
   * on the same `channel` (or `cancel(channel)`) supersedes this one: its promise then never
   * settles. `onProgress(done, total)` reports the stages.
   */
  analyse(channel: string, scope: PageScope, settings: AnalysisSettings, onProgress?: (done: number, total: number) => void): Promise<EvacuationAnalysis> {
    const id = this.nextId++;
    const older = this.channels.get(channel);
    if (older !== undefined) this.pending.delete(older);
    this.channels.set(channel, id);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { kind: 'analyse', resolve, reject, onProgress, people: [] });
      this.send({ id, type: 'analyse', channel, scope: this.scoped(scope), settings });
    });
  }

  /** Stops the channel's run: its promise never settles; the worker drops it at its next stage. */
  cancel(channel: string): void {
    const id = this.channels.get(channel);
    if (id === undefined) return;
    this.channels.delete(channel);
    this.pending.delete(id);
    if (this.worker) this.send({ id: this.nextId++, type: 'cancel', channel });
  }

  /** A road route between two places along the stored roads (the plan editor's). */
  roadRoute(scope: PageScope, query: RoadRouteQuery): Promise<RoadRouteAnswer> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { kind: 'roadRoute', resolve, reject });
      this.send({ id, type: 'roadRoute', scope: this.scoped(scope), query });
    });
  }

  /** The plan editor's suggestions for one person's new plan (a plain record, not a reactive proxy). */
  suggestions(scope: PageScope, person: Person): Promise<PlanSuggestions> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { kind: 'suggest', resolve, reject });
      this.send({ id, type: 'suggest', scope: this.scoped(scope), person });
    });
  }

  /**
   * Plan B: the people of `scope` affected by `disruption` (shelters 開設しない / 満員, supporters
   * 不在), each with their new destination, 福祉避難所 and supporters (core/replan.ts), in the order
   * of the scope's people. The worker runs the analysis under `settings` itself — pass the
   * `channel` of an `analyse` with the same scope and settings to reuse its work — and reads the
   * plans itself. Never superseded: every call settles.
   */
  replan(scope: PageScope, settings: AnalysisSettings, disruption: Disruption, channel?: string): Promise<ReplannedPerson[]> {
    const id = this.nextId++;
    // Plain copies: a reactive proxy cannot be posted to a worker.
    const plain: Disruption = { closedShelterIds: [...disruption.closedShelterIds], fullShelterIds: [...disruption.fullShelterIds], absentSupporterIds: [...disruption.absentSupporterIds] };
    const plainSettings: AnalysisSettings = { ...settings, walking: { ...settings.walking, speedsMps: { ...settings.walking.speedsMps } } };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { kind: 'replan', resolve, reject });
      this.send({ id, type: 'replan', scope: this.scoped(scope), settings: plainSettings, disruption: plain, channel });
    });
  }

  /** Stops the worker (pending calls are dropped); the next request starts a new one. */
  terminate(): void {
    this.worker?.terminate();
    this.worker = null;
    this.pending.clear();
    this.channels.clear();
  }

  private scoped(scope: PageScope): EngineScope {
    const base = { dbName: this.dbName, districtId: scope.districtId, storeKey: scope.storeKey, geodataRevision: scope.geodataRevision };
    return scope.consentOnly ? { ...base, consentOnly: true } : base;
  }

  private send(message: EngineRequest): void {
    try {
      this.started().postMessage(message);
    } catch (err) {
      this.settleFailed(message.id, failure(errorMessage(err)));
    }
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./engineWorker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<EngineResponse>) => this.receive(e.data);
    worker.onerror = (e) => {
      e.preventDefault();
      this.crashed(worker, e.message || '計算処理が止まりました');
    };
    worker.onmessageerror = () => this.crashed(worker, '計算結果を受け取れませんでした');
    this.worker = worker;
    return worker;
  }

  /** The worker failed outside a request: every waiting call is rejected and the next request starts a new worker. */
  private crashed(worker: Worker, why: string): void {
    if (this.worker !== worker) return;
    worker.terminate();
    this.worker = null;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    this.channels.clear();
    for (const p of waiting) p.reject(failure(why));
  }

  private receive(m: EngineResponse): void {
    const p = this.pending.get(m.id);
    if (!p) return; // superseded or cancelled on this side
    if (m.type === 'progress') {
      if (p.kind === 'analyse') p.onProgress?.(m.done, m.total);
      return;
    }
    if (m.type === 'people') {
      if (p.kind === 'analyse') for (const a of m.people) p.people.push(a);
      return;
    }
    this.pending.delete(m.id);
    if (p.kind === 'analyse') for (const [channel, id] of this.channels) if (id === m.id) this.channels.delete(channel);
    if (m.type === 'superseded') return;
    if (m.type === 'failed') p.reject(new Error(m.message));
    else if (m.type === 'result' && p.kind === 'analyse') p.resolve({ ...m.analysis, people: p.people });
    else if (m.type === 'roadRoute' && p.kind === 'roadRoute') p.resolve(m.answer);
    else if (m.type === 'suggestions' && p.kind === 'suggest') p.resolve(m.suggestions);
    else if (m.type === 'replanned' && p.kind === 'replan') p.resolve(m.people);
    else p.reject(failure(`予期しない応答 ${m.type}`));
  }

  private settleFailed(id: number, error: Error): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    for (const [channel, cid] of this.channels) if (cid === id) this.channels.delete(channel);
    p.reject(error);
  }
}
