/**
 * The one door from ui/ to maplibre-gl: only map/ imports the library (the layer rule), ui/
 * components import the values and types they need from here.
 */
export { GeoJSONSource, LngLatBounds, Marker } from 'maplibre-gl';
export type {
  FilterSpecification,
  LngLatLike,
  Map as MapLibreMap,
  MapGeoJSONFeature,
  MapLayerMouseEvent,
  MapMouseEvent,
  StyleSpecification,
} from 'maplibre-gl';
