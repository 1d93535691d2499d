import { describe, expect, it } from 'vitest';
import { analyseEvacuation, DEFAULT_ANALYSIS_SETTINGS, type AnalysisSettings } from '../../../src/core/evacuationAnalysis';
import { distanceMetres } from '../../../src/core/geo';
import { isShareable } from '../../../src/core/consent';
import type { HazardZone } from '../../../src/core/hazardZone';
import { coverageOfZones } from '../../../src/core/hazardCoverage';
import { readDemoBundle } from '../db/demoStore';

const demo = readDemoBundle();
const people = demo.people.filter((p) => isShareable(p.consent));
const settings: AnalysisSettings = { ...DEFAULT_ANALYSIS_SETTINGS, onDate: '2026-11-23' };

/** A 600 m × 600 m flood zone over the middle of the first demo district. */
function floodZone(): HazardZone {
  const xs = people.filter((p) => p.districtId === 'demo-d1').map((p) => p.location!.lng);
  const ys = people.filter((p) => p.districtId === 'demo-d1').map((p) => p.location!.lat);
  const cx = (Math.min(...xs) + Math.max(...xs)) / 2;
  const cy = (Math.min(...ys) + Math.max(...ys)) / 2;
  const dx = 0.0034, dy = 0.0027;
  const ring = [[cx - dx, cy - dy], [cx + dx, cy - dy], [cx + dx, cy + dy], [cx - dx, cy + dy], [cx - dx, cy - dy]];
  return { id: 'z1', hazard: 'flood', depthClass: '0.5〜3.0m', name: '試験区域', geometry: { type: 'Polygon', coordinates: [ring] }, bbox: [cx - dx, cy - dy, cx + dx, cy + dy], source: 't' };
}

describe('analyseEvacuation (whole engine on the demo district)', () => {
  const result = analyseEvacuation({ people, shelters: demo.shelters, supporters: demo.supporters, hazardZones: [floodZone()], hazardCoverage: coverageOfZones([floodZone()]), roads: [] }, settings);

  it('sends each person to the nearest open site designated for the scenario hazard (checked by scanning every shelter)', () => {
    for (const r of result.people) {
      const p = people.find((x) => x.id === r.personId)!;
      const home: [number, number] = [p.location!.lng, p.location!.lat];
      let best = Infinity;
      for (const s of demo.shelters) if (s.kinds.includes('emergency_site') && s.hazards.includes('flood') && !s.closed) best = Math.min(best, distanceMetres(home, s.location));
      expect(r.destination!.distanceM).toBeCloseTo(best, 6);
    }
  });

  it('flags homes in the zone, raises their priority, and walks slower in winter', () => {
    const inZone = result.people.filter((r) => r.hazardsAtHome.length > 0);
    expect(inZone.length).toBeGreaterThan(0);
    for (const r of inZone) expect(r.priority.reasons.some((t) => t.includes('洪水'))).toBe(true);
    const winter = analyseEvacuation({ people, shelters: demo.shelters, supporters: demo.supporters, hazardZones: [], hazardCoverage: [], roads: [] }, { ...settings, winter: true });
    const summer = analyseEvacuation({ people, shelters: demo.shelters, supporters: demo.supporters, hazardZones: [], hazardCoverage: [], roads: [] }, settings);
    const slower = winter.people.filter((w, i) => (w.walkMinutes ?? 0) > (summer.people[i].walkMinutes ?? 0)).length;
    expect(slower).toBeGreaterThan(people.length / 2);
  });

  it('gives no 寝たきり person a walking time: 徒歩では困難 with a transport instead, and a priority reason saying so', () => {
    const bedridden = result.people.filter((r) => people.find((p) => p.id === r.personId)!.mobility === 'bedridden' && r.destination);
    expect(bedridden.length).toBeGreaterThan(0);
    for (const r of bedridden) {
      expect(r.walkMinutes).toBeNull();
      expect(r.walk?.kind).toBe('not_walkable');
      expect(r.priority.rank).toBe('A');
      expect(r.priority.reasons.join()).toContain('徒歩では困難（車両・担架が必要）');
    }
  });

  it('never gives a supporter more people than they can help, and reports the 福祉避難所 allocation no worse than greedy', () => {
    const load = new Map<string, number>();
    for (const r of result.people) for (const s of r.supporters) load.set(s.supporterId, (load.get(s.supporterId) ?? 0) + 1);
    for (const s of demo.supporters) expect(load.get(s.id) ?? 0).toBeLessThanOrEqual(s.capacity);
    const w = result.welfare;
    expect(w.summary.assigned).toBeGreaterThanOrEqual(w.greedy.assigned);
    if (w.summary.assigned === w.greedy.assigned) expect(w.summary.totalDistanceM).toBeLessThanOrEqual(w.greedy.totalDistanceM + 1e-6);
  });

  it('routes along roads when a network is given: the road distance is never shorter than the straight line', () => {
    const d1 = people.filter((p) => p.districtId === 'demo-d1');
    const xs = d1.map((p) => p.location!.lng), ys = d1.map((p) => p.location!.lat);
    const lngs: number[] = [], lats: number[] = [];
    for (let x = Math.min(...xs) - 0.004; x <= Math.max(...xs) + 0.004; x += 0.0005) lngs.push(x);
    for (let y = Math.min(...ys) - 0.004; y <= Math.max(...ys) + 0.004; y += 0.0004) lats.push(y);
    const roads = [...lngs.map((x) => lats.map((y) => [x, y])), ...lats.map((y) => lngs.map((x) => [x, y]))];
    const r = analyseEvacuation({ people: d1, shelters: demo.shelters, supporters: [], hazardZones: [], hazardCoverage: [], roads }, settings);
    const routed = r.people.filter((a) => a.destination?.routeM !== null);
    expect(routed.length).toBe(d1.length);
    for (const a of routed) expect(a.destination!.routeM!).toBeGreaterThanOrEqual(a.destination!.distanceM - 0.5);
    expect(r.roadNetwork!.edges).toBeGreaterThan(1000);
  });
});
