import { describe, expect, it } from 'vitest';
import { DEFAULT_ANALYSIS_SETTINGS } from '../../../src/core/evacuationAnalysis';
import { settingsFromSaved } from '../../../src/core/savedAnalysisSettings';

describe('scenario settings kept between visits', () => {
  it('keeps every valid saved field', () => {
    const saved = { ...DEFAULT_ANALYSIS_SETTINGS, hazard: 'landslide', winter: true, timeOfDay: 'night', assumedWelfareCapacity: 25, walking: { speedsMps: { ...DEFAULT_ANALYSIS_SETTINGS.walking.speedsMps, wheelchair: 0.4 }, winterFactor: 0.6 } };
    expect(settingsFromSaved(JSON.parse(JSON.stringify(saved)))).toEqual(saved);
  });

  it('falls back to the default for each missing, stale or invalid field, and for junk', () => {
    const s = settingsFromSaved({ hazard: 'meteor', winter: 'yes', assumedWelfareCapacity: 501, supporterRadiusM: 800, walking: { speedsMps: { independent: -1 }, winterFactor: 2 } });
    expect(s).toEqual({ ...DEFAULT_ANALYSIS_SETTINGS, supporterRadiusM: 800 });
    for (const junk of [null, 'x', 42, [], undefined]) expect(settingsFromSaved(junk)).toEqual(DEFAULT_ANALYSIS_SETTINGS);
    // The defaults are never shared (editing the result cannot change them).
    settingsFromSaved(null).walking.speedsMps.independent = 9;
    expect(DEFAULT_ANALYSIS_SETTINGS.walking.speedsMps.independent).toBe(1);
  });
});
