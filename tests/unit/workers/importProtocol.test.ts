/**
 * The import worker's message shapes (src/workers/importProtocol.ts): a preview's records travel
 * as slices tagged with their kind, before a `result` without them; the page puts them back in
 * order. Every kind of preview survives the trip (and a structured clone) unchanged.
 */
import { describe, expect, it } from 'vitest';
import type { HazardZone } from '../../../src/core/hazardZone';
import type { DistrictOutline } from '../../../src/io/districtOutlines';
import {
  columnsOf,
  IMPORT_KIND_LABELS,
  IMPORT_KINDS,
  RECORDS_PER_MESSAGE,
  recordSlices,
  withoutRecords,
  withRecords,
  type ColumnsOffer,
  type ImportPreview,
  type RecordSlice,
} from '../../../src/workers/importProtocol';
import { person, supporter } from '../core/rosterFixtures';
import { makeShelter } from '../engine/fixtures';

const common = { files: [{ name: 'f.csv', format: 'テンプレート', encoding: 'UTF-8', rowCount: 3 }], rowCount: 3, errors: [], notes: [] };

const offer: ColumnsOffer = {
  file: 'f.csv', signature: 'sig', headers: ['ID'], rows: [['1']], consentField: null, conflicts: [], fields: [], values: {},
  mapping: { columns: { id: 0 } }, source: 'template',
};

const zone = (id: string): HazardZone => ({
  id, hazard: 'flood', name: `区域${id}`, depthClass: null, source: 'z.geojson', bbox: [139.9, 37.4, 139.91, 37.41],
  geometry: { type: 'Polygon', coordinates: [[[139.9, 37.4], [139.91, 37.4], [139.91, 37.41], [139.9, 37.4]]] },
});

const outline = (name: string): DistrictOutline => ({ name, outline: { type: 'Polygon', coordinates: [[[139.9, 37.4], [139.91, 37.4], [139.91, 37.41], [139.9, 37.4]]] } });

/** One preview of every kind, each with `n` records (roads: none, they have a network). */
function previews(n: number): ImportPreview[] {
  const ids = Array.from({ length: n }, (_, i) => `P${i}`);
  return [
    { ...common, kind: 'people', records: ids.map((id) => person(id)), columns: offer },
    { ...common, kind: 'supporters', records: ids.map((id) => supporter(id)), columns: null },
    { ...common, kind: 'shelters', records: ids.map((id) => makeShelter(id, [139.9, 37.5])), columns: null, merge: null },
    { ...common, kind: 'hazards', records: ids.map(zone), hazard: { chosen: 'flood', file: null } },
    { ...common, kind: 'districts', records: ids.map(outline) },
    { ...common, kind: 'roads', records: [], network: null },
  ];
}

/** What the page gets: each slice and the result through a structured clone, reassembled. */
function roundTrip(p: ImportPreview, size: number): ImportPreview {
  const slices: RecordSlice[] = recordSlices(p, size).map((s) => structuredClone(s));
  return withRecords(structuredClone(withoutRecords(p)), slices);
}

describe('import preview messages', () => {
  it('lists every kind once, in the order the screen shows them, each with its label', () => {
    expect(IMPORT_KINDS).toEqual(Object.keys(IMPORT_KIND_LABELS));
    expect(new Set(previews(1).map((p) => p.kind))).toEqual(new Set(IMPORT_KINDS));
  });

  it.each([0, 1, 4, 5, 11])('%i records of every kind come back whole and in order', (n) => {
    for (const p of previews(n)) expect(roundTrip(p, 5), p.kind).toEqual(p);
  });

  it('cuts records into slices of at most the given size, each tagged with the preview kind', () => {
    for (const p of previews(11)) {
      const slices = recordSlices(p, 5);
      if (p.kind === 'roads') {
        expect(slices).toEqual([]);
        continue;
      }
      expect(slices.map((s) => s.records.length)).toEqual([5, 5, 1]);
      expect(slices.every((s) => s.kind === p.kind)).toBe(true);
    }
  });

  it('sends nothing but the header in the result, and a preview of 10⁵ people in 5,000-record slices', () => {
    const [people] = previews(0);
    expect(withoutRecords(previews(3)[0]).records).toEqual([]);
    const many: ImportPreview = { ...people, kind: 'people', records: Array.from({ length: 100_000 }, (_, i) => person(`P${i}`)), columns: null };
    const slices = recordSlices(many, RECORDS_PER_MESSAGE);
    expect(slices).toHaveLength(20);
    const back = withRecords(withoutRecords(many), slices);
    expect(back.kind === 'people' && back.records.map((r) => r.id)).toEqual(many.records.map((r) => r.id));
  });

  it('ignores slices of another kind (a stale message never mixes records)', () => {
    const [people, supporters] = previews(2);
    const mixed = [...recordSlices(supporters, 5), ...recordSlices(people, 5)];
    expect(withRecords(withoutRecords(people), mixed)).toEqual(people);
  });

  it('offers columns for the CSV kinds only', () => {
    expect(previews(1).map((p) => [p.kind, columnsOf(p)?.signature ?? null])).toEqual([
      ['people', 'sig'], ['supporters', null], ['shelters', null], ['hazards', null], ['districts', null], ['roads', null],
    ]);
  });
});
