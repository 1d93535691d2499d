/**
 * Normalised GeoJSON output of imported records (used by the `hinan` CLI and for export):
 * one FeatureCollection of Points, coordinates `[lng, lat]` WGS84 degrees.
 */
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { Person } from '../core/person';
import { primaryKind, type Shelter } from '../core/shelter';
import type { Supporter } from '../core/supporter';

/**
 * Shelters → features with `id, name, kind` (primary), `kinds, hazards, capacity, accepts,
 * acceptsUnread` (受入対象者 text not read, or null), `address, closed, notes, siteNote` (floor note of
 * the site role, or null), `siteFloors` (floor per hazard from the site's 備考, or null), `source`.
 */
export function sheltersToGeojson(shelters: readonly Shelter[]): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: shelters.map((s): Feature<Point> => ({
      type: 'Feature',
      id: s.id,
      geometry: { type: 'Point', coordinates: [s.location[0], s.location[1]] },
      properties: {
        id: s.id, name: s.name, kind: primaryKind(s), kinds: s.kinds, hazards: s.hazards, capacity: s.capacity,
        accepts: s.accepts, acceptsUnread: s.acceptsUnread ?? null, address: s.address, closed: s.closed, notes: s.notes,
        siteNote: s.siteNote ?? null, siteFloors: s.siteFloors ?? null, source: s.source,
      },
    })),
  };
}

type WithSource<T> = T & { source?: { file: string; row: number } };

/** A record that may be placed: `location` in WGS84 degrees with how it was set, or null. */
interface Placeable {
  id: string;
  location: { lng: number; lat: number; source: string } | null;
}

/** Records → Point features (geometry null when not yet placed) with every field but `location`, plus `locationSource`. */
function placeableToGeojson<T extends Placeable>(records: readonly T[]): FeatureCollection<Point | null> {
  return {
    type: 'FeatureCollection',
    features: records.map(({ location, ...rest }): Feature<Point | null> => ({
      type: 'Feature',
      id: rest.id,
      geometry: location ? { type: 'Point', coordinates: [location.lng, location.lat] } : null,
      properties: { ...rest, locationSource: location?.source ?? null },
    })),
  };
}

/**
 * People → features (geometry null when not yet placed) with all Person fields except
 * `location`, plus `locationSource` and `source` {file,row} when given.
 */
export function peopleToGeojson(people: readonly WithSource<Person>[]): FeatureCollection<Point | null> {
  return placeableToGeojson(people);
}

/** Supporters → features (geometry null when not yet placed) with all Supporter fields except `location`. */
export function supportersToGeojson(supporters: readonly WithSource<Supporter>[]): FeatureCollection<Point | null> {
  return placeableToGeojson(supporters);
}
