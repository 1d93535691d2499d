import { HAZARD_TILE_LAYERS, type HazardTileLayerId } from '../core/hazardTileLayers';
import type { HazardTileChoice } from '../db/hazardReadings';
import { network } from './online.svelte';

/**
 * When the ハザードマップポータル overlays may be on a map (map/hazardOverlays.ts adds and removes
 * them): only while the browser is online and once the user has read the privacy statement and
 * chosen to use the portal (`allowed`): before that answer no tile is asked for, not even the
 * overlays of the area looked at (issue 16 §4). Offline they are taken out of the map entirely.
 */
export function hazardOverlaysAllowed(choice: HazardTileChoice): boolean {
  return network.online && choice === 'allowed';
}

/** Why the overlays are not on the map, in plain Japanese; null when they may be. */
export function hazardOverlaysWhyNot(choice: HazardTileChoice): string | null {
  if (choice === 'refused') return 'ハザードマップポータルを使わない設定にしています（「データの保管」で変えられます）。';
  if (!network.online) return 'インターネットにつながっていないため、ハザードマップは表示していません。';
  if (choice === 'unasked') return 'ハザードマップポータルの地図は、使う前に説明を確かめてから重ねます。';
  return null;
}

const STORAGE_KEY = 'hinan.hazardOverlays';

/**
 * Layers on by default: 洪水 and the three 土砂災害 layers. 高潮 and 津波 are off at first: they
 * share the 洪水's depth colours, so two of them on at once could not be told apart.
 */
const DEFAULT_ON: readonly HazardTileLayerId[] = ['flood', 'debris_flow', 'steep_slope', 'landslide_slip'];

function isLayerId(value: unknown): value is HazardTileLayerId {
  return HAZARD_TILE_LAYERS.some((l) => l.id === value);
}

function storedOn(): HazardTileLayerId[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    return Array.isArray(value) ? value.filter(isLayerId) : [...DEFAULT_ON];
  } catch {
    return [...DEFAULT_ON];
  }
}

/** The map screen's switch of each overlay, kept on this device (localStorage) between visits. */
class HazardOverlaySwitches {
  on = $state<Record<HazardTileLayerId, boolean>>(this.initial());

  private initial(): Record<HazardTileLayerId, boolean> {
    const on = typeof localStorage === 'undefined' ? DEFAULT_ON : storedOn();
    return { flood: false, storm_surge: false, tsunami: false, debris_flow: false, steep_slope: false, landslide_slip: false, ...Object.fromEntries(on.map((id) => [id, true])) };
  }

  /** Switches one overlay and keeps the choice. */
  set(id: HazardTileLayerId, visible: boolean): void {
    this.on[id] = visible;
    localStorage.setItem(STORAGE_KEY, JSON.stringify(HAZARD_TILE_LAYERS.filter((l) => this.on[l.id]).map((l) => l.id)));
  }
}

/** The page's one set of overlay switches (the map screen's legend). */
export const hazardOverlaySwitches = new HazardOverlaySwitches();
