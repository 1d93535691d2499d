/**
 * The engine worker's view of the store: what it read from IndexedDB and what it built from it,
 * kept across requests and rebuilt only when the scope's keys say the data changed. Request
 * handlers (workers/planQueries.ts, the analysis in workers/engineHost.ts) take their inputs from
 * here and never read IndexedDB themselves.
 *
 * Keys: people and supporters by `storeKey` + `districtId`, shelters and the people's hazard tile
 * readings (`hazardReadings`, which move `storeKey` when they change) by `storeKey`; hazard zones,
 * coverage, the hazard index, the road graph + snapper and the closed edges per hazard by
 * `geodataRevision`. A re-read after a new `storeKey` whose records are all equal to the last read
 * hands back the earlier array (same identity), so the engine's stage memo (core/analysisMemo.ts)
 * still reuses what it built from it — e.g. after a shelter edit, the people and supporters.
 */
import type { HazardCoverage } from '../core/hazardCoverage';
import { HazardIndex } from '../core/hazardAtHome';
import type { HazardType } from '../core/hazard';
import type { HazardReading } from '../core/hazardReading';
import type { HazardZone } from '../core/hazardZone';
import type { Person } from '../core/person';
import type { Plan } from '../core/plan';
import { buildRoadGraph, edgesInHazardZones, NodeSnapper, type RoadGraph } from '../core/roadGraph';
import type { Shelter } from '../core/shelter';
import type { Supporter } from '../core/supporter';
import { shareablePeople } from '../db/consentGate';
import { listHazardReadings } from '../db/hazardReadings';
import { listHazardCoverage, listHazardZones, listRoadNetworks } from '../db/geodata';
import type { HinanDatabase } from '../db/schema';
import { listShelters } from '../db/shelters';
import { listSupporters } from '../db/supporters';
import { roadLines } from '../io/roadNetwork';
import type { EngineScope } from './engineProtocol';

export interface EngineRoads {
  graph: RoadGraph;
  snapper: NodeSnapper;
}

export interface EngineStoreView {
  /** People shown through the consent gate (db/consentGate.ts `shareablePeople`) in the scope's district, in its order. */
  people(scope: EngineScope): Promise<readonly Person[]>;
  /** Supporters on the 名簿 of the scope's district (db/supporters.ts `listSupporters`). */
  supporters(scope: EngineScope): Promise<readonly Supporter[]>;
  /** Every shelter (db/shelters.ts `listShelters`). */
  shelters(scope: EngineScope): Promise<readonly Shelter[]>;
  hazardZones(scope: EngineScope): Promise<readonly HazardZone[]>;
  hazardCoverage(scope: EngineScope): Promise<readonly HazardCoverage[]>;
  /** The people's hazard readings from the portal's tiles (db/hazardReadings.ts `listHazardReadings(db, 'person')`), every district. */
  hazardReadings(scope: EngineScope): Promise<readonly HazardReading[]>;
  /** Flatbush index over every stored zone (all hazards, `hazardZones(scope)` in order), built once per geodata revision. */
  hazardIndex(scope: EngineScope): Promise<HazardIndex>;
  /** The road graph of every stored network and its snapper, or null without roads. */
  roads(scope: EngineScope): Promise<EngineRoads | null>;
  /** Road edges inside zones of `hazard` (1 = closed), per hazard and geodata revision; null without roads or without zones of `hazard`. */
  closedEdges(scope: EngineScope, hazard: HazardType): Promise<Uint8Array | null>;
}

/** What the store read or built (for tests counting rebuilds). */
export type EngineStorePart = 'people' | 'supporters' | 'shelters' | 'hazardReadings' | 'hazardZones' | 'hazardCoverage' | 'hazardIndex' | 'roads' | 'closedEdges';

/** Districts (people, supporters) or hazards (closed edges) kept at once; the least recently asked is dropped. */
const SLOTS = 4;

/** One cached value per slot (a district, a hazard…), valid while its key is the same. */
class KeyedCache<T> {
  private readonly entries = new Map<string, { key: string; value: Promise<T> }>();

  get(slot: string, key: string, load: (previous: Promise<T> | null) => Promise<T>): Promise<T> {
    const hit = this.entries.get(slot);
    this.entries.delete(slot);
    if (hit && hit.key === key) {
      this.entries.set(slot, hit);
      return hit.value;
    }
    const value = load(hit ? hit.value : null);
    const entry = { key, value };
    this.entries.set(slot, entry);
    // A failed read is not kept: the next request reads again.
    value.catch(() => this.entries.get(slot) === entry && this.entries.delete(slot));
    while (this.entries.size > SLOTS) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}

/** The store view for one database, read with Dexie in the worker. */
export class EngineStore implements EngineStoreView {
  private readonly peopleCache = new KeyedCache<readonly Person[]>();
  private readonly supporterCache = new KeyedCache<readonly Supporter[]>();
  private readonly shelterCache = new KeyedCache<readonly Shelter[]>();
  private readonly readingCache = new KeyedCache<readonly HazardReading[]>();
  private readonly zoneCache = new KeyedCache<readonly HazardZone[]>();
  private readonly coverageCache = new KeyedCache<readonly HazardCoverage[]>();
  private readonly indexCache = new KeyedCache<HazardIndex>();
  private readonly roadCache = new KeyedCache<EngineRoads | null>();
  private readonly closedCache = new KeyedCache<Uint8Array | null>();

  /** `onBuild(part)` is called whenever a part is read from IndexedDB or built (not when served from the cache). */
  constructor(
    readonly db: HinanDatabase,
    private readonly onBuild?: (part: EngineStorePart) => void,
  ) {}

  people(scope: EngineScope): Promise<readonly Person[]> {
    const key = `${scope.districtId ?? ''}|${scope.consentOnly ? 'consent' : 'shown'}`;
    return this.peopleCache.get(key, String(scope.storeKey), (previous) =>
      this.reread('people', previous, async () => {
        const gate = await shareablePeople(this.db, { districtId: scope.districtId });
        return scope.consentOnly ? gate.people.filter((p) => !gate.revealedIds.has(p.id)) : gate.people;
      }),
    );
  }

  supporters(scope: EngineScope): Promise<readonly Supporter[]> {
    return this.supporterCache.get(scope.districtId ?? '', String(scope.storeKey), (previous) => this.reread('supporters', previous, () => listSupporters(this.db, scope.districtId)));
  }

  shelters(scope: EngineScope): Promise<readonly Shelter[]> {
    return this.shelterCache.get('', String(scope.storeKey), (previous) => this.reread('shelters', previous, () => listShelters(this.db)));
  }

  hazardReadings(scope: EngineScope): Promise<readonly HazardReading[]> {
    return this.readingCache.get('', String(scope.storeKey), (previous) => this.reread('hazardReadings', previous, () => listHazardReadings(this.db, 'person')));
  }

  hazardZones(scope: EngineScope): Promise<readonly HazardZone[]> {
    return this.zoneCache.get('', scope.geodataRevision, () => (this.onBuild?.('hazardZones'), listHazardZones(this.db)));
  }

  hazardCoverage(scope: EngineScope): Promise<readonly HazardCoverage[]> {
    return this.coverageCache.get('', scope.geodataRevision, () => (this.onBuild?.('hazardCoverage'), listHazardCoverage(this.db)));
  }

  hazardIndex(scope: EngineScope): Promise<HazardIndex> {
    return this.indexCache.get('', scope.geodataRevision, async () => {
      const zones = await this.hazardZones(scope);
      this.onBuild?.('hazardIndex');
      return new HazardIndex(zones);
    });
  }

  roads(scope: EngineScope): Promise<EngineRoads | null> {
    return this.roadCache.get('', scope.geodataRevision, async () => {
      this.onBuild?.('roads');
      const networks = await listRoadNetworks(this.db);
      if (networks.length === 0) return null;
      const graph = buildRoadGraph((function* () {
        for (const r of networks) yield* roadLines(r.network);
      })());
      return { graph, snapper: new NodeSnapper(graph) };
    });
  }

  closedEdges(scope: EngineScope, hazard: HazardType): Promise<Uint8Array | null> {
    return this.closedCache.get(hazard, scope.geodataRevision, async () => {
      const [roads, index] = await Promise.all([this.roads(scope), this.hazardIndex(scope)]);
      if (!roads || !index.zones.some((z) => z.hazard === hazard)) return null;
      this.onBuild?.('closedEdges');
      return edgesInHazardZones(roads.graph, index, (z) => z.hazard === hazard);
    });
  }

  /**
   * The plans of the scope's people (Plan B follows each plan's destination, 代替の避難先 and
   * supporters). Read afresh on every call: saving a plan does not change the scope's keys.
   */
  async plans(scope: EngineScope): Promise<Plan[]> {
    const [people, plans] = await Promise.all([this.people(scope), this.db.plans.toArray()]);
    const ids = new Set(people.map((p) => p.id));
    return plans.filter((p) => ids.has(p.personId));
  }

  /** Reads records again; when every record equals the last read, hands back the last array itself. */
  private async reread<T>(part: EngineStorePart, previous: Promise<readonly T[]> | null, read: () => Promise<T[]>): Promise<readonly T[]> {
    this.onBuild?.(part);
    const fresh = await read();
    const old = previous ? await previous.catch(() => null) : null;
    return old && sameRecords(old, fresh) ? old : fresh;
  }
}

/** Same records in the same order (plain data compared field by field). */
export function sameRecords(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!samePlain(a[i], b[i])) return false;
  return true;
}

function samePlain(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!samePlain(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  for (const k of ka) if (!Object.prototype.hasOwnProperty.call(b, k) || !samePlain(Reflect.get(a, k), Reflect.get(b, k))) return false;
  return true;
}
