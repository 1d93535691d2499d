import type { Feature, FeatureCollection, Point, Polygon, MultiPolygon } from 'geojson';
import { hasMedicalDependence, type Person } from '../core/person';
import { primaryKind, type Shelter } from '../core/shelter';
import type { Supporter } from '../core/supporter';
import type { District } from '../core/district';

/** GeoJSON of placed people (already consent-gated by the caller); properties hold ids and classes only. */
export function peopleFeatures(people: readonly Person[]): FeatureCollection<Point> {
  const features: Feature<Point>[] = [];
  for (const p of people) {
    if (!p.location) continue;
    features.push({
      type: 'Feature',
      id: features.length,
      geometry: { type: 'Point', coordinates: [p.location.lng, p.location.lat] },
      properties: { id: p.id, mobility: p.mobility, medical: hasMedicalDependence(p) },
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
      geometry: { type: 'Point', coordinates: [s.location.lng, s.location.lat] },
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
