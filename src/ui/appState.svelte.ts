import { liveQuery } from 'dexie';
import type { District } from '../core/district';
import type { Person } from '../core/person';
import type { Shelter } from '../core/shelter';
import type { Supporter } from '../core/supporter';
import { shareablePeople } from '../db/consentGate';
import { demoState, type DemoState } from '../db/demo';
import { listDistricts } from '../db/districts';
import type { HinanDatabase } from '../db/schema';
import { listShelters } from '../db/shelters';
import { listSupporters } from '../db/supporters';
import type { LayerGroup } from '../map/style';

/** What the user has selected: a person, supporter or shelter, by id. */
export type Selection = { type: 'person' | 'supporter' | 'shelter'; id: string } | null;

/**
 * The screen's reactive state. Store data arrives through Dexie `liveQuery`, so edits in this
 * or another tab show at once; people always come through the consent gate.
 */
export class AppState {
  people = $state<Person[]>([]);
  hiddenCount = $state(0);
  supporters = $state<Supporter[]>([]);
  shelters = $state<Shelter[]>([]);
  districts = $state<District[]>([]);
  demo = $state<DemoState>({ initialized: false, active: false, shelterIds: [] });
  /** True once the first results of every query have arrived. */
  loaded = $state(false);
  error = $state<string | null>(null);

  districtFilter = $state<string | null>(null);
  selection = $state<Selection>(null);
  layers = $state<Record<LayerGroup, boolean>>({ people: true, supporters: true, shelters: true, districts: true });
  onlineTiles = $state(true);

  selectedPerson = $derived(this.selection?.type === 'person' ? this.people.find((p) => p.id === this.selection!.id) : undefined);
  selectedSupporter = $derived(this.selection?.type === 'supporter' ? this.supporters.find((s) => s.id === this.selection!.id) : undefined);
  selectedShelter = $derived(this.selection?.type === 'shelter' ? this.shelters.find((s) => s.id === this.selection!.id) : undefined);

  constructor(readonly db: HinanDatabase) {
    this.onlineTiles = localStorage.getItem('hinan.onlineTiles') !== 'off';
  }

  /** Subscribes to the store; call inside a component's `$effect`. Returns the unsubscribe. */
  subscribe(): () => void {
    const districtId = this.districtFilter;
    let pending = 5;
    const arrived = () => {
      if (--pending === 0) this.loaded = true;
    };
    const fail = (err: unknown) => {
      this.error = `データを読み込めません: ${(err as Error)?.message ?? err}`;
    };
    const subs = [
      liveQuery(() => shareablePeople(this.db, { districtId })).subscribe({
        next: (r) => {
          this.people = r.people;
          this.hiddenCount = r.hiddenCount;
          arrived();
        },
        error: fail,
      }),
      liveQuery(() => listSupporters(this.db, districtId)).subscribe({ next: (r) => ((this.supporters = r), arrived()), error: fail }),
      liveQuery(() => listShelters(this.db)).subscribe({ next: (r) => ((this.shelters = r), arrived()), error: fail }),
      liveQuery(() => listDistricts(this.db)).subscribe({ next: (r) => ((this.districts = r), arrived()), error: fail }),
      liveQuery(() => demoState(this.db)).subscribe({ next: (r) => ((this.demo = r), arrived()), error: fail }),
    ];
    return () => subs.forEach((s) => s.unsubscribe());
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
