import { randInt, seededRandom } from '../unit/engine/random';

/**
 * The synthetic city of the city-scale e2e test and the browser backup bench (fixed seeds): homes
 * around these centres, and hazard polygons near them.
 */

/** 会津若松: the 鶴ヶ城 / 駅前 / 一箕町 / 門田町 areas. */
export const CENTRES = [
  [139.9295, 37.4951],
  [139.9321, 37.5083],
  [139.9602, 37.5262],
  [139.9403, 37.4712],
  [139.9105, 37.4902],
] as const;

/** A GeoJSON FeatureCollection of `count` small polygons (浸水想定区域 shaped) around `CENTRES`, `[lng, lat]`. */
export function hazardGeoJson(seed: number, count: number): string {
  const rand = seededRandom(seed);
  const features: string[] = [];
  for (let i = 0; i < count; i++) {
    const [lng0, lat0] = CENTRES[randInt(rand, CENTRES.length)];
    const cx = lng0 + (rand() - 0.5) * 0.08, cy = lat0 + (rand() - 0.5) * 0.06;
    const r = (8 + rand() * 30) / 90_000, n = 6 + randInt(rand, 7);
    const ring: [number, number][] = [];
    for (let k = 0; k < n; k++) {
      const a = (k / n) * 2 * Math.PI, rr = r * (0.6 + 0.4 * rand());
      ring.push([+(cx + rr * Math.cos(a)).toFixed(6), +(cy + rr * Math.sin(a) * 0.8).toFixed(6)]);
    }
    ring.push(ring[0]);
    features.push(JSON.stringify({ type: 'Feature', properties: { 名称: `区域${i + 1}` }, geometry: { type: 'Polygon', coordinates: [ring] } }));
  }
  return `{"type":"FeatureCollection","features":[\n${features.join(',\n')}\n]}\n`;
}
