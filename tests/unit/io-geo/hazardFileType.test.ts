import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readHazardZones } from '../../../src/io/hazardZones';

/**
 * Issue 9, defect A: the PLATEAU 沼津市 土砂災害警戒区域 file read with the import screen's default
 * 「洪水」 — the reader says what the file's own attributes state, so the screen can stop the mix-up.
 */
const FILE = '../shared/data/hazards/landslide_zones_numazu_plateau.geojson';

describe('readHazardZones reports the hazard type the file states', () => {
  const bytes = readFileSync(FILE);

  it('the real 沼津 landslide file, read as 洪水 (the default), is reported as 土砂災害 by its disasterType_label', () => {
    const r = readHazardZones(bytes, { file: 'landslide_zones_numazu_plateau.geojson', hazard: 'flood' });
    expect(r.records).toHaveLength(81);
    expect(r.fileHazard).toEqual({ hazard: 'landslide', attribute: 'disasterType_label' });
  });

  it('says nothing for a file whose attributes state no hazard', () => {
    const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: '区域A' }, geometry: { type: 'Polygon', coordinates: [[[138.8, 35.1], [138.801, 35.1], [138.801, 35.101], [138.8, 35.1]]] } }] };
    const r = readHazardZones(fc, { file: 'zones.geojson', hazard: 'flood' });
    expect(r.records).toHaveLength(1);
    expect(r.fileHazard).toBeNull();
  });
});
