import { liveQuery } from '../db/liveQuery';
import type { District } from '../core/district';
import { isEmergencyActive, type Emergency } from '../core/emergency';
import type { Person } from '../core/person';
import type { Shelter } from '../core/shelter';
import type { Supporter } from '../core/supporter';
import { shareablePeople } from '../db/consentGate';
import { demoState, type DemoState } from '../db/demo';
import { storedDeviceShortId } from '../db/device';
import { expireEmergencies, listEmergencies } from '../db/emergencies';
import { revealedCount } from '../db/revealedCount';
import { listDistricts } from '../db/districts';
import { getOperator } from '../db/operator';
import { hazardTileChoice, type HazardTileChoice } from '../db/hazardReadings';
import type { HinanDatabase } from '../db/schema';
import { listShelters } from '../db/shelters';
import { listSupporters } from '../db/supporters';
import type { LayerGroup } from '../map/style';
import type { LngLat } from '../core/geo';
import { geodataSummary, type GeodataSummary } from '../db/geodata';
import type { AnalysisSettings, EvacuationAnalysis, PersonAnalysis } from '../core/evacuationAnalysis';
import { settingsFromSaved } from '../core/savedAnalysisSettings';
import { errorMessage } from '../core/thrown';
import { EngineClient, type PageScope } from '../workers/engineClient';
import { today } from './labels';

const SETTINGS_KEY = 'hinan.analysisSettings';

function readSavedSettings(): unknown {
  try {
    return JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? 'null');
  } catch {
    return null;
  }
}

/** How people's dots are coloured. */
export type ColorMode = 'mobility' | 'priority';
/** How the people list is ordered. */
export type SortKey = 'kana' | 'priority' | 'distance' | 'walk';

/** What the user has selected: a person, supporter or shelter, by id. */
export type Selection = { type: 'person' | 'supporter' | 'shelter'; id: string } | null;

/**
 * The screen's reactive state. Store data arrives through Dexie `liveQuery`, so edits in this
 * or another tab show at once; people always come through the consent gate.
 */
export class AppState {
  /**
   * Store data is large at city scale (150,000 people) and read-only on screen: raw state (no
   * deep proxies); every liveQuery answer replaces the whole array, and nothing edits them in place.
   */
  people = $state.raw<Person[]>([]);
  hiddenCount = $state(0);
  /**
   * Ids of the people in `people` shown only because 災害時モード is on (the consent gate's
   * `revealedIds`): everything that shows a person marks these 「災害時提供」. Empty when the mode is off.
   */
  revealedIds = $state.raw<ReadonlySet<string>>(new Set());
  /** How many people the active event shows only because of the mode in all its districts, read while a district is chosen. */
  private revealedElsewhere = $state(0);
  /** Every 災害時モード event on this device, newest first (ended ones stay, with their 安否 records). */
  emergencies = $state.raw<Emergency[]>([]);
  /**
   * The current time, to the minute (`tick` moves it): the 72-hour limit's countdown and whether
   * an event is still active are read against it.
   */
  now = $state(new Date());
  /** The 災害時モード event active now, or null (the red banner, the 安否確認 screen, every print's marking). */
  emergency = $derived(this.emergencies.find((e) => isEmergencyActive(e, this.now)) ?? null);
  /** This device's short id (db/device.ts: the `recorder` of its 安否 records), null until read. */
  deviceId = $state<string | null>(null);
  /** What of `emergencies` changes who the gate shows (the engine's cache key follows it, not Plan B edits). */
  private revealSignature: string | null = null;
  supporters = $state.raw<Supporter[]>([]);
  shelters = $state.raw<Shelter[]>([]);
  districts = $state.raw<District[]>([]);
  /**
   * What is stored of hazard zones and road networks, without the polygons and roads (db/geodata.ts):
   * the page never holds those; the engine and tile workers read them from IndexedDB.
   */
  geodata = $state.raw<GeodataSummary>({ revision: '', hazardZoneCount: 0, hazardCoverage: [], hazardsWithZones: [], roadFiles: [] });
  /** `geodata.revision` as its own signal: a new summary with the same revision re-runs nothing. */
  geodataRevision = $derived(this.geodata.revision);
  /** Bumped whenever people, supporters, shelters or hazard readings change anywhere in the store (the engine worker's cache key). */
  storeKey = $state(0);
  /**
   * The user's choice about the ハザードマップポータル (db/hazardReadings.ts): `refused` (「今後使わない」)
   * means no request to it at all. Read from the store: `unasked` until it answered (`loaded`).
   */
  hazardTileChoice = $state<HazardTileChoice>('unasked');

  /** The scenario (hazard, 積雪期, 昼/夜, default 福祉避難所 capacity…), kept in localStorage between visits. */
  analysisSettings = $state<Omit<AnalysisSettings, 'onDate'>>(settingsFromSaved(readSavedSettings()));
  analysis = $state.raw<EvacuationAnalysis | null>(null);
  analysisProgress = $state<{ done: number; total: number } | null>(null);
  analysisError = $state<string | null>(null);
  /** Per person id: what the engine says (for lists, panel and map). */
  analysisByPerson = $derived(new Map<string, PersonAnalysis>((this.analysis?.people ?? []).map((a) => [a.personId, a])));
  colorMode = $state<ColorMode>('mobility');
  sortKey = $state<SortKey>('kana');
  /** The evacuation engine's worker (workers/engineClient.ts): reads the store itself; the page sends only what to compute. */
  readonly engine: EngineClient;
  demo = $state<DemoState>({ initialized: false, active: false, shelterIds: [] });
  /** True once the first results of every query have arrived. */
  loaded = $state(false);
  /** True until the first start is set up (the demo loaded into an empty store, or found not needed). */
  starting = $state(true);
  /** The demo was just loaded: `starting` ends with the first people answer that holds it. */
  private awaitingSeed = false;
  /**
   * The store has answered and the first start is done: what the screens show is what is stored.
   * Until then they say 「読み込んでいます…」, never that there is nothing.
   */
  ready = $derived(this.loaded && !this.starting);
  /** Points of a 町内会 outline being drawn on the map (`[lng, lat]`), or null when not drawing. */
  outlineDraft = $state.raw<LngLat[] | null>(null);
  error = $state<string | null>(null);
  /** The 作業者名 of this device (db/operator.ts), '' when none was given, null until the store answered. */
  operator = $state<string | null>(null);

  districtFilter = $state<string | null>(null);
  /**
   * How many people the active event shows only because of the mode, in all its districts whatever
   * district the screen shows (the banner's 「災害時提供の表示中（N人）」).
   */
  revealedTotal = $derived(this.districtFilter === null ? this.revealedIds.size : this.revealedElsewhere);
  selection = $state<Selection>(null);
  layers = $state<Record<LayerGroup, boolean>>({ people: true, supporters: true, shelters: true, districts: true, routes: true, hazards: true, roads: true });
  onlineTiles = $state(true);

  selectedPerson = $derived(this.selection?.type === 'person' ? this.people.find((p) => p.id === this.selection!.id) : undefined);
  selectedSupporter = $derived(this.selection?.type === 'supporter' ? this.supporters.find((s) => s.id === this.selection!.id) : undefined);
  selectedShelter = $derived(this.selection?.type === 'shelter' ? this.shelters.find((s) => s.id === this.selection!.id) : undefined);

  constructor(readonly db: HinanDatabase) {
    this.engine = new EngineClient(db.name);
    this.onlineTiles = localStorage.getItem('hinan.onlineTiles') !== 'off';
  }

  /** Subscribes to the store; call inside a component's `$effect`. Returns the unsubscribe. */
  subscribe(): () => void {
    const districtId = this.districtFilter;
    // Loaded once each of these has answered at least once.
    const waiting = new Set(['people', 'supporters', 'shelters', 'districts', 'demo', 'geodata', 'storeKey', 'emergencies', 'hazardTileChoice']);
    const arrived = (what: string) => {
      if (waiting.delete(what) && waiting.size === 0) this.loaded = true;
    };
    const fail = (err: unknown) => {
      this.error = `データを読み込めません: ${errorMessage(err)}`;
    };
    const subs = [
      liveQuery(() => shareablePeople(this.db, { districtId })).subscribe({
        next: (r) => {
          this.people = r.people;
          this.hiddenCount = r.hiddenCount;
          this.revealedIds = r.revealedIds;
          if (this.awaitingSeed && r.people.length + r.hiddenCount > 0) this.awaitingSeed = this.starting = false;
          arrived('people');
        },
        error: fail,
      }),
      liveQuery(() => listSupporters(this.db, districtId)).subscribe({ next: (r) => ((this.supporters = r), arrived('supporters')), error: fail }),
      liveQuery(() => listShelters(this.db)).subscribe({ next: (r) => ((this.shelters = r), arrived('shelters')), error: fail }),
      liveQuery(() => listDistricts(this.db)).subscribe({ next: (r) => ((this.districts = r), arrived('districts')), error: fail }),
      liveQuery(() => demoState(this.db)).subscribe({ next: (r) => ((this.demo = r), arrived('demo')), error: fail }),
      liveQuery(() => getOperator(this.db)).subscribe({ next: (name) => (this.operator = name), error: fail }),
      liveQuery(() => geodataSummary(this.db)).subscribe({ next: (g) => ((this.geodata = g), arrived('geodata')), error: fail }),
      liveQuery(() => hazardTileChoice(this.db)).subscribe({ next: (c) => ((this.hazardTileChoice = c), arrived('hazardTileChoice')), error: fail }),
      // Any write to these tables re-runs the query (the counts are only what it reads), moving the key.
      liveQuery(() => Promise.all([this.db.people.count(), this.db.supporters.count(), this.db.shelters.count(), this.db.hazardReadings.count()])).subscribe({
        next: () => (this.storeKey++, arrived('storeKey')),
        error: fail,
      }),
      liveQuery(() => listEmergencies(this.db)).subscribe({
        next: (list) => {
          this.emergencies = list;
          // Switching the mode on or off changes the people the engine worker reads through the gate.
          const signature = list.map((e) => `${e.id}|${e.endedAt ?? ''}|${e.expiresAt}|${e.includeRefused}|${e.districtIds.join(',')}`).join('\n');
          if (this.revealSignature !== null && signature !== this.revealSignature) this.storeKey++;
          this.revealSignature = signature;
          arrived('emergencies');
        },
        error: fail,
      }),
    ];
    // With every district shown, the gate's own answer holds the number; else it is counted apart.
    if (districtId !== null) subs.push(liveQuery(() => revealedCount(this.db)).subscribe({ next: (n) => (this.revealedElsewhere = n), error: fail }));
    return () => subs.forEach((s) => s.unsubscribe());
  }

  /**
   * Keeps 災害時モード's clock: ends the events past their 72-hour limit now and then every minute
   * (and at the very minute the active one's limit passes), moving `now` with it; reads this
   * device's short id (once it has one). Call inside a component's `$effect`. Returns the cleanup.
   */
  keepEmergencyClock(): () => void {
    this.tick();
    const every = setInterval(() => this.tick(), 60_000);
    // Read, not made: the id is made by the first 安否 record or QR code (db/device.ts), so opening the app writes nothing.
    const sub = liveQuery(() => storedDeviceShortId(this.db)).subscribe({
      next: (id) => (this.deviceId = id),
      error: (err) => (this.error = `この端末の識別記号を読めません: ${errorMessage(err)}`),
    });
    return () => (clearInterval(every), sub.unsubscribe());
  }

  /**
   * Ends the active event the moment its limit passes (not up to a minute later): call inside a
   * `$effect` (it follows `emergency`, so a renewal moves the timer). Returns the cleanup.
   */
  followEmergencyLimit(): () => void {
    const e = this.emergency;
    if (!e) return () => {};
    const wait = Math.min(Math.max(0, Date.parse(e.expiresAt) - Date.now()) + 100, 2 ** 31 - 1);
    const timer = setTimeout(() => this.tick(), wait);
    return () => clearTimeout(timer);
  }

  /** Moves `now` and ends the events past their limit (which re-runs the gate's queries). */
  private tick(): void {
    this.now = new Date();
    expireEmergencies(this.db).catch((err) => (this.error = `災害時モードの期限を確かめられません: ${errorMessage(err)}`));
  }

  /** What the engine worker should read for the map screen: the people of the chosen district, at the store's current keys. */
  engineScope(): PageScope {
    return { districtId: this.districtFilter, storeKey: this.storeKey, geodataRevision: this.geodataRevision };
  }

  /**
   * Recomputes the evacuation analysis in the engine worker for the people on screen (channel
   * 'map'). Call inside an `$effect`: it reads the scope's keys and every setting, so any change
   * (import, edit, a shelter closed, a setting, another district) starts a new run and supersedes
   * the old one. Only the keys and settings are posted: the worker reads the store itself.
   */
  analyse(): () => void {
    const scope = this.engineScope();
    const settings: AnalysisSettings = { ...$state.snapshot(this.analysisSettings), onDate: today() };
    if (!this.loaded) return () => {};
    // Mark the shown numbers as being recomputed at once, so nobody reads stale results.
    this.analysisProgress = { done: 0, total: 6 };
    const timer = setTimeout(() => {
      this.engine
        .analyse('map', scope, settings, (done, total) => (this.analysisProgress = { done, total }))
        .then((a) => {
          this.analysis = a;
          this.analysisError = null;
        })
        .catch((err) => (this.analysisError = errorMessage(err)))
        .finally(() => (this.analysisProgress = null));
    }, 250);
    return () => {
      clearTimeout(timer);
      // A run for the old inputs never lands after they changed (a superseded run never settles).
      this.engine.cancel('map');
    };
  }

  /**
   * The first-start setup has finished: `seeded` when the demo was just written (the screens wait
   * for the people answer that holds it), false when the store was set up before or it failed.
   */
  startDone(seeded: boolean) {
    if (!seeded || this.people.length + this.hiddenCount > 0) this.starting = false;
    else this.awaitingSeed = true;
  }

  /** Remembers the scenario settings for the next visit (no personal data). */
  saveSettings() {
    localStorage.setItem(SETTINGS_KEY, JSON.stringify($state.snapshot(this.analysisSettings)));
  }

  setOnlineTiles(on: boolean) {
    this.onlineTiles = on;
    localStorage.setItem('hinan.onlineTiles', on ? 'on' : 'off');
  }

  districtName(id: string | null): string {
    if (!id) return '地区未設定';
    return this.districts.find((d) => d.id === id)?.name ?? '地区未設定';
  }
}

/** Above this many people on screen, lines to destinations are drawn for the selected person only (10⁵ lines are unreadable and slow to draw). */
export const ROUTES_ALL_MAX = 10_000;

/** The people whose line to their destination is drawn: everyone on screen, or at city scale the selected person. */
export function routedPeople(app: AppState): readonly Person[] {
  if (app.people.length <= ROUTES_ALL_MAX) return app.people;
  return app.selectedPerson ? [app.selectedPerson] : [];
}
