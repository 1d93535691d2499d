import { describe, expect, it } from 'vitest';
import { readingAnswer, readingId, type HazardReading, type TileOutcome } from '../../../src/core/hazardReading';
import { DEPTH_LEGEND, HAZARD_TILE_LAYERS, deepWater, hazardTileLayer, hazardTileUrl } from '../../../src/core/hazardTileLayers';

const inside = (layer: string, key: string): TileOutcome => {
  const entry = HAZARD_TILE_LAYERS.find((l) => l.id === layer)!.legend.find((e) => e.key === key)!;
  return { state: 'inside', key: entry.key, label: entry.label, minDepthM: entry.minDepthM };
};
type Layers = HazardReading['layers'];

describe('readingAnswer: a hazard read from its tile layers', () => {
  it('is inside when any layer is, the most severe class first', () => {
    const layers: Layers = [
      { layer: 'debris_flow', outcome: inside('debris_flow', 'debris_flow_warning') },
      { layer: 'steep_slope', outcome: { state: 'no_tile' } },
      { layer: 'landslide_slip', outcome: inside('landslide_slip', 'landslide_slip_special') },
    ];
    const a = readingAnswer({ layers });
    expect(a.state).toBe('inside');
    if (a.state !== 'inside') return;
    expect(a.labels).toEqual(['土砂災害特別警戒区域（地すべり）', '土砂災害警戒区域（土石流）']);
    expect(a.maxDepthM).toBeNull();
  });

  it('gives the depth class and its lower bound for water', () => {
    const a = readingAnswer({ layers: [{ layer: 'flood', outcome: inside('flood', 'depth_3_5') }] });
    expect(a).toEqual({ state: 'inside', labels: ['3.0〜5.0m'], keys: ['depth_3_5'], maxDepthM: 3 });
  });

  it('is never outside unless every layer had a tile with a clear pixel', () => {
    const clear: TileOutcome = { state: 'outside' };
    expect(readingAnswer({ layers: [{ layer: 'flood', outcome: clear }] }).state).toBe('outside');
    expect(readingAnswer({ layers: [{ layer: 'debris_flow', outcome: clear }, { layer: 'steep_slope', outcome: { state: 'no_tile' } }] }).state).toBe('no_data');
    expect(readingAnswer({ layers: [{ layer: 'flood', outcome: { state: 'unreadable', rgba: [0, 0, 255, 255] } }] }).state).toBe('unreadable');
    expect(readingAnswer({ layers: [{ layer: 'debris_flow', outcome: { state: 'no_tile' } }, { layer: 'steep_slope', outcome: { state: 'unreadable', rgba: [1, 2, 3, 255] } }] }).state).toBe('unreadable');
    expect(readingAnswer({ layers: [] }).state).toBe('no_data');
  });

  it('names a reading by subject, id and hazard', () => {
    expect(readingId('person', 'p-1', 'flood')).toBe('person|p-1|flood');
  });
});

describe('the tile layers and legends', () => {
  it('keys are unique within the whole catalogue, so a stored key names one class', () => {
    const keys = HAZARD_TILE_LAYERS.flatMap((l) => (l.legend === DEPTH_LEGEND ? [] : l.legend.map((e) => e.key)));
    keys.push(...DEPTH_LEGEND.map((e) => e.key));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('legend colours of one layer are distinct', () => {
    for (const layer of HAZARD_TILE_LAYERS) {
      const colours = layer.legend.map((e) => e.rgb.join(','));
      expect(new Set(colours).size).toBe(colours.length);
    }
  });

  it('3 m or more is the last four depth classes', () => {
    expect(DEPTH_LEGEND.filter(deepWater).map((e) => e.label)).toEqual(['3.0〜5.0m', '5.0〜10.0m', '10.0〜20.0m', '20.0m以上']);
  });

  it('builds the portal URL of a tile', () => {
    expect(hazardTileUrl(hazardTileLayer('flood'), 17, 116300, 51600)).toBe('https://disaportaldata.gsi.go.jp/raster/01_flood_l2_shinsuishin_data/17/116300/51600.png');
  });
});
