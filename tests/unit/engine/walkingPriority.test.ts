import { describe, expect, it } from 'vitest';
import { DEFAULT_WALK_LIMITS, DEFAULT_WALKING_SETTINGS, routeWalkLabel, toWholeMinutes, walkEstimate, walkingSpeedMps, walkingTimeSeconds, walkLabel } from '../../../src/core/walkingTime';
import { priorityOf } from '../../../src/core/priority';

describe('walking time', () => {
  it('divides distance by the speed for the mobility', () => {
    expect(walkingTimeSeconds(600, 'independent')).toBe(600);
    expect(walkingTimeSeconds(600, 'cane_walker')).toBe(1200);
    expect(walkingTimeSeconds(600, 'wheelchair')).toBeCloseTo(1000, 9);
    expect(walkingTimeSeconds(600, 'bedridden')).toBeCloseTo(1500, 9);
  });

  it('is slower in winter by the winter factor, and uses custom settings', () => {
    expect(walkingSpeedMps('independent', true)).toBeCloseTo(0.7, 12);
    expect(walkingTimeSeconds(700, 'independent', true)).toBeCloseTo(1000, 9);
    const settings = { ...DEFAULT_WALKING_SETTINGS, speedsMps: { ...DEFAULT_WALKING_SETTINGS.speedsMps, wheelchair: 0.8 }, winterFactor: 0.5 };
    expect(walkingTimeSeconds(400, 'wheelchair', true, settings)).toBeCloseTo(1000, 9);
    expect(walkingTimeSeconds(400, 'wheelchair', false, { ...settings, speedsMps: { ...settings.speedsMps, wheelchair: 0 } })).toBe(Infinity);
  });

  it('rounds minutes up for display', () => {
    expect(toWholeMinutes(60)).toBe(1);
    expect(toWholeMinutes(61)).toBe(2);
    expect(toWholeMinutes(0)).toBe(0);
  });
});

describe('priority', () => {
  const flood = { hazard: { hazard: 'flood' as const, state: 'inside' as const, zones: [{ zone: 0, zoneId: 'z', hazard: 'flood' as const, depthClass: '0.5-3.0m', name: '' }] } };

  it('puts a bedridden person in a flood zone first and says why', () => {
    const p = priorityOf({ mobility: 'bedridden', medical: [], household: 'with_family' }, flood);
    expect(p.rank).toBe('A');
    expect(p.reasons).toContain('自宅が洪水の想定区域（0.5-3.0m）内にある');
    expect(p.reasons).toContain('寝たきりで自力では移動できない');
  });

  it('puts a ventilator user living alone first even outside hazard zones', () => {
    const p = priorityOf({ mobility: 'independent', medical: ['ventilator'], household: 'alone' });
    expect(p.rank).toBe('A');
    expect(p.reasons.join()).toContain('人工呼吸器');
    expect(p.reasons.join()).toContain('一人暮らし');
  });

  it('ranks hazard-only or need-only as B, and neither as C', () => {
    expect(priorityOf({ mobility: 'independent', medical: [], household: 'with_family' }, flood).rank).toBe('B');
    expect(priorityOf({ mobility: 'wheelchair', medical: [], household: 'elderly_only' }).rank).toBe('B');
    const c = priorityOf({ mobility: 'cane_walker', medical: ['insulin'], household: 'with_family' });
    expect(c.rank).toBe('C');
    expect(c.reasons).toEqual(['杖・歩行器を使い、歩くのに時間がかかる', 'インスリンが必要']);
    expect(priorityOf({ mobility: 'independent', medical: [], household: 'unknown' }).reasons).toHaveLength(1);
  });

  it('never ranks someone lower when they move into a hazard zone or need more help', () => {
    const order = { A: 0, B: 1, C: 2 };
    for (const mobility of ['independent', 'cane_walker', 'wheelchair', 'bedridden'] as const) {
      for (const household of ['alone', 'elderly_only', 'with_family'] as const) {
        const outside = priorityOf({ mobility, medical: [], household });
        const inside = priorityOf({ mobility, medical: [], household }, flood);
        const withOxygen = priorityOf({ mobility, medical: ['home_oxygen'], household });
        expect(order[inside.rank]).toBeLessThanOrEqual(order[outside.rank]);
        expect(order[withOxygen.rank]).toBeLessThanOrEqual(order[outside.rank]);
      }
    }
  });
});

describe('walking that cannot happen (issue 9, defect 4)', () => {
  const alone = { medical: [], household: 'with_family' as const };

  it('寝たきり never gets a walking time, at any distance: 徒歩では困難 and a vehicle or stretcher instead', () => {
    for (const m of [50, 653 * 60 * 0.4, 10_900]) {
      const w = walkEstimate(m, 'bedridden');
      expect(w.kind).toBe('not_walkable');
      expect(walkLabel(w)).toBe('徒歩では困難（車両・担架が必要）');
      expect(w.kind === 'not_walkable' && w.transport).toBe('車両（福祉車両・家族の車）・担架');
    }
    expect(routeWalkLabel(10_900, 'bedridden', { withWinter: true })).not.toMatch(/約\d+分/);
  });

  it('車いす walks up to 2 km (1.4 km in 積雪期) and beyond that is 徒歩では困難', () => {
    expect(walkEstimate(1900, 'wheelchair')).toEqual({ kind: 'walk', minutes: 53 });
    const far = walkEstimate(2100, 'wheelchair');
    expect(far.kind).toBe('not_walkable');
    expect(far.kind === 'not_walkable' && far.reason).toContain('2 km');
    expect(walkEstimate(1500, 'wheelchair', true).kind).toBe('not_walkable');
    expect(routeWalkLabel(1500, 'wheelchair', { withWinter: true })).toBe('車いすの速さで約42分（積雪期は徒歩では困難）');
    expect(walkEstimate(10_000, 'independent').kind).toBe('walk');
  });

  it('never says a distance just past the limit is as far as the limit (「目安（2 km）より遠い（2 km）」)', () => {
    for (const [m, shown] of [[2001.5, '2.1 km'], [2023.8, '2.1 km'], [2100, '2.1 km'], [2100.1, '2.2 km']] as const) {
      const w = walkEstimate(m, 'wheelchair');
      expect(w.kind === 'not_walkable' && w.reason).toBe(`車いすで押して行ける目安（2 km）より遠い（${shown}）`);
    }
  });

  it('a walk longer than the 警戒レベル3 lead time (60 min) raises the priority, with the reason in words', () => {
    const w = walkEstimate(6000, 'independent'); // 100 minutes
    expect(w).toEqual({ kind: 'walk', minutes: 100 });
    const p = priorityOf({ mobility: 'independent', ...alone }, { walk: w });
    expect(p.rank).toBe('B');
    expect(p.reasons).toContain('徒歩で約100分かかり、避難の目安（60分）を超える');
    expect(priorityOf({ mobility: 'independent', ...alone }, { walk: walkEstimate(3000, 'independent') }).rank).toBe('C');
    expect(DEFAULT_WALK_LIMITS.leadTimeMinutes).toBe(60);
  });

  it('a bedridden person who cannot walk to the shelter is raised to A, and the reason names the transport', () => {
    const p = priorityOf({ mobility: 'bedridden', ...alone }, { walk: walkEstimate(10_900, 'bedridden') });
    expect(p.rank).toBe('A');
    expect(p.reasons.join()).toContain('徒歩では困難（車両・担架が必要）');
    expect(p.reasons.join()).toContain('車両（福祉車両・家族の車）・担架');
  });
});
