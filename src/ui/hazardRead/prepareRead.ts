import type { LngLat } from '../../core/geo';
import { planHazardRead, sheltersNearPeople, type HazardReadPlan } from '../../core/hazardReadPlan';
import { personPoint } from '../../core/nearestShelter';
import type { Person } from '../../core/person';
import type { Shelter } from '../../core/shelter';

/**
 * Most tiles one read may request (every layer): about 3,300 per layer, ~50 districts of usual size.
 * More (a whole city's 名簿 with scattered positions) is refused before any request, with the advice
 * to read district by district: hours of requests to the national server would not finish anyway.
 */
export const MAX_READ_TILES = 20_000;

/** A read planned and counted, before anything is requested (the count is shown first). */
export interface PreparedRead {
  plan: HazardReadPlan;
  /** Tiles to request, every layer. */
  tiles: number;
  /** People and shelters read. */
  people: number;
  shelters: number;
}

/**
 * Plans the read of `people` (those with a location; one rectangle of tiles per district, so
 * 「すべての地区」 fetches each district's area, not the whole city's box) and of the shelters within
 * 2 km of their box (sheltersNearPeople).
 */
export function prepareRead(people: readonly Person[], shelters: readonly Shelter[]): PreparedRead {
  const points = people.flatMap((p) => {
    const point = personPoint(p);
    return point ? [{ id: p.id, point, area: p.districtId ?? '' }] : [];
  });
  const near = sheltersNearPeople(
    points.map((p): LngLat => p.point),
    shelters.map((s) => ({ id: s.id, point: s.location })),
  );
  const plan = planHazardRead(points, near);
  return { plan, tiles: plan.tiles.length, people: points.length, shelters: near.length };
}
