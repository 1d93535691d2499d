import type { Map as MapLibreMap } from 'maplibre-gl';

/** The window properties the e2e tests (tests/e2e) and the bench read a map from. */
export type MapHookName = '__hinanMap' | '__hinanRouteMap' | '__hinanDistrictMap' | '__hinanPlacesMap' | '__hinanReceivedMap' | '__hinanPreviewMap';

declare global {
  interface Window {
    __hinanMap?: MapLibreMap;
    __hinanRouteMap?: MapLibreMap;
    __hinanDistrictMap?: MapLibreMap;
    __hinanPlacesMap?: MapLibreMap;
    __hinanReceivedMap?: MapLibreMap;
    __hinanPreviewMap?: MapLibreMap;
  }
}

/** Whether the page is driven by automation (Playwright sets `navigator.webdriver`); never true for a real user. */
export function underAutomation(): boolean {
  return typeof navigator !== 'undefined' && navigator.webdriver === true;
}

/**
 * The one place a production map is handed to the e2e tests: sets `window[name] = map`, only
 * under automation. The property is left in place after the map is removed (the tests check
 * the map's own removed state).
 */
export function exposeMapForTests(name: MapHookName, map: MapLibreMap): void {
  if (underAutomation()) window[name] = map;
}
