import type { GeoJSON } from 'geojson';
import { GeoJSONSource, type Map as MapLibreMap } from 'maplibre-gl';

/** The map's GeoJSON source `id`, or undefined when there is none (or `id` is another kind of source). */
export function geoJSONSource(map: MapLibreMap, id: string): GeoJSONSource | undefined {
  const source = map.getSource(id);
  return source instanceof GeoJSONSource ? source : undefined;
}

/**
 * Replaces the data of the map's GeoJSON source `id` (GeoJSON, or a URL MapLibre's worker
 * fetches it from). Does nothing when the map has no such GeoJSON source (e.g. before the style
 * has loaded). Returns whether it set the data.
 */
export function setSourceData(map: MapLibreMap, id: string, data: GeoJSON | string): boolean {
  const source = geoJSONSource(map, id);
  source?.setData(data);
  return source !== undefined;
}
