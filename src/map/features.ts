import type { Feature, FeatureCollection, LineString, Point, Polygon, MultiPolygon } from 'geojson';
import { hasMedicalDependence, type Person } from '../core/person';
import { primaryKind, type Shelter } from '../core/shelter';
import type { Supporter } from '../core/supporter';
import type { District } from '../core/district';
import type { PersonAnalysis } from '../core/evacuationAnalysis';
import type { LngLat } from '../core/geo';
import { toLngLat } from './lngLat';

/**
 * GeoJSON of placed people (already consent-gated by the caller); properties hold ids and classes
 * only (no names). `analysis` adds each person's priority rank for colouring; `revealedIds` (the
 * gate's, while 災害時モード is on) marks people shown only because of the mode with `revealed: true`
 * (drawn with a thick red ring: 「災害時提供」); other people have no `revealed` property.
 */
export function peopleFeatures(
  people: readonly Person[],
  analysis?: ReadonlyMap<string, Pick<PersonAnalysis, 'priority'>>,
  revealedIds?: ReadonlySet<string>,
): FeatureCollection<Point> {
  const features: Feature<Point>[] = [];
  for (const p of people) {
    if (!p.location) continue;
    features.push({
      type: 'Feature',
      id: features.length,
      geometry: { type: 'Point', coordinates: toLngLat(p.location) },
      properties: { id: p.id, mobility: p.mobility, medical: hasMedicalDependence(p), priority: analysis?.get(p.id)?.priority.rank ?? null, ...(revealedIds?.has(p.id) ? { revealed: true } : {}) },
    });
  }
  return { type: 'FeatureCollection', features };
}

export function supporterFeatures(supporters: readonly Supporter[]): FeatureCollection<Point> {
  const features: Feature<Point>[] = [];
  for (const s of supporters) {
    if (!s.location) continue;
    features.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: toLngLat(s.location) },
      properties: { id: s.id },
    });
  }
  return { type: 'FeatureCollection', features };
}

export function shelterFeatures(shelters: readonly Shelter[]): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: shelters.map((s) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: s.location },
      properties: { id: s.id, kind: primaryKind(s), closed: s.closed },
    })),
  };
}

export function districtFeatures(districts: readonly District[]): FeatureCollection<Polygon | MultiPolygon> {
  const features: Feature<Polygon | MultiPolygon>[] = [];
  for (const d of districts) {
    if (!d.outline) continue;
    features.push({ type: 'Feature', geometry: d.outline, properties: { id: d.id, color: d.color } });
  }
  return { type: 'FeatureCollection', features };
}

/**
 * A line from each person to their planned first destination: the road route when one was
 * found (`routed: true`), else a straight dashed line. Coloured by priority.
 */
export function routeFeatures(
  people: readonly Person[],
  analysis: ReadonlyMap<string, Pick<PersonAnalysis, 'priority' | 'destination'>>,
  shelterLocation: (id: string) => LngLat | undefined,
): FeatureCollection<LineString> {
  const features: Feature<LineString>[] = [];
  for (const p of people) {
    const a = analysis.get(p.id);
    if (!p.location || !a?.destination) continue;
    const home = toLngLat(p.location);
    const target = shelterLocation(a.destination.shelterId);
    if (!target) continue;
    const coordinates = a.destination.route ? [home, ...a.destination.route, target] : [home, target];
    features.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates },
      properties: { id: p.id, priority: a.priority.rank, routed: a.destination.route !== null },
    });
  }
  return { type: 'FeatureCollection', features };
}
