import { describe, expect, it } from 'vitest';
import { HAZARD_TILE_CREDIT, HAZARD_TILE_LAYERS, hazardTileLayer } from '../../../src/core/hazardTileLayers';
import { HAZARD_OVERLAY_IDS, HAZARD_OVERLAY_OPACITY, hazardOverlayId, hazardOverlayLayer, hazardOverlayLayersFor, hazardOverlayMaxZoom, hazardOverlaySource } from '../../../src/map/hazardOverlays';
import { PERSON_CENTRED_TILE_MAX_ZOOM } from '../../../src/map/style';

describe('map/hazardOverlays: the ハザードマップポータル raster overlays', () => {
  it('one source and layer per tile layer, credited, on the portal host, 256 px tiles from zoom 2', () => {
    expect(HAZARD_OVERLAY_IDS).toEqual(HAZARD_TILE_LAYERS.map((l) => `hazard-tiles-${l.id}`));
    const flood = hazardOverlaySource(hazardTileLayer('flood'), false);
    expect(flood).toEqual({
      type: 'raster',
      tiles: ['https://disaportaldata.gsi.go.jp/raster/01_flood_l2_shinsuishin_data/{z}/{x}/{y}.png'],
      tileSize: 256,
      minzoom: 2,
      maxzoom: 17,
      attribution: HAZARD_TILE_CREDIT,
    });
    expect(flood.attribution).toBe('出典：ハザードマップポータルサイト');
  });

  it('a map framed on one home asks for tiles no closer than the person-centred zoom (15), as the basemap', () => {
    expect(hazardOverlayMaxZoom(true)).toBe(PERSON_CENTRED_TILE_MAX_ZOOM);
    expect(PERSON_CENTRED_TILE_MAX_ZOOM).toBe(15);
    for (const layer of HAZARD_TILE_LAYERS) expect(hazardOverlaySource(layer, true).maxzoom).toBe(15);
    expect(hazardOverlayMaxZoom(false)).toBe(17);
  });

  it('a layer is half-transparent and starts shown or hidden as asked', () => {
    const on = hazardOverlayLayer('tsunami', true);
    expect(on).toMatchObject({ id: hazardOverlayId('tsunami'), type: 'raster', source: 'hazard-tiles-tsunami', layout: { visibility: 'visible' } });
    expect(on.paint?.['raster-opacity']).toBe(HAZARD_OVERLAY_OPACITY);
    expect(HAZARD_OVERLAY_OPACITY).toBeGreaterThan(0.4);
    expect(HAZARD_OVERLAY_OPACITY).toBeLessThan(0.8);
    expect(hazardOverlayLayer('tsunami', false).layout?.visibility).toBe('none');
  });

  it("a destination's hazard picks its layers: 洪水 one, 土砂災害 three, a hazard without tiles none", () => {
    expect(hazardOverlayLayersFor('flood')).toEqual(['flood']);
    expect(hazardOverlayLayersFor('landslide')).toEqual(['debris_flow', 'steep_slope', 'landslide_slip']);
    expect(hazardOverlayLayersFor('storm_surge')).toEqual(['storm_surge']);
    expect(hazardOverlayLayersFor('tsunami')).toEqual(['tsunami']);
    expect(hazardOverlayLayersFor('earthquake')).toEqual([]);
    expect(hazardOverlayLayersFor('large_fire')).toEqual([]);
  });
});
