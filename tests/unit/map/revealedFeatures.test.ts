/**
 * 災害時モード on the map (map/features.ts, map/style.ts): the people the gate reveals while an event
 * is active carry `revealed: true` and get the red 「災害時提供」 ring; nobody else does, and the mark
 * adds no personal data to the GeoJSON.
 */
import 'fake-indexeddb/auto';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { shareablePeople } from '../../../src/db/consentGate';
import { startEmergency } from '../../../src/db/emergencies';
import { setOperator } from '../../../src/db/operator';
import { REVEALED_RING_COLOR } from '../../../src/map/colors';
import { peopleFeatures } from '../../../src/map/features';
import { TOGGLEABLE_LAYERS, buildStyle } from '../../../src/map/style';
import { person, place } from '../core/rosterFixtures';
import { openTestDb } from '../db/demoStore';
import { evaluate } from './expression';

const CITY: FeatureCollection = { type: 'FeatureCollection', features: [] };
const T0 = new Date('2027-09-01T12:00:00.000Z');

describe('revealed people on the map', () => {
  it('marks exactly the people the gate reveals, with the red ring, and nothing more', async () => {
    const db = openTestDb();
    await setOperator(db, '山田 花子');
    const given = person('p-given', { location: place(139.93, 37.49) });
    const pending = person('p-pending', { name: '会津　花子', location: place(139.94, 37.5), consent: { status: 'pending', date: null, method: 'unknown', recipients: [] } });
    const refused = person('p-refused', { location: place(139.95, 37.5), consent: { status: 'refused', date: '2025-04-01', method: 'signature', recipients: [] } });
    await db.people.bulkPut([given, pending, refused]);
    await startEmergency(db, { name: '大雨', alertLevel: 4, hazard: 'flood', districtIds: [], includeRefused: true, authorised: true }, T0);
    const gate = await shareablePeople(db, {}, new Date(T0.getTime() + 60_000));
    expect([...gate.revealedIds].sort()).toEqual(['p-pending', 'p-refused']);

    const fc = peopleFeatures(gate.people, undefined, gate.revealedIds);
    const revealed = fc.features.filter((f) => f.properties?.revealed === true).map((f) => f.properties?.id);
    expect(revealed.sort()).toEqual(['p-pending', 'p-refused']);
    expect(fc.features.find((f) => f.properties?.id === 'p-given')?.properties).not.toHaveProperty('revealed');
    expect(JSON.stringify(fc)).not.toContain('会津');

    const style = buildStyle({ onlineTiles: false, cityOutline: CITY });
    const ring = style.layers.find((l) => l.id === 'people-revealed-ring');
    if (ring?.type !== 'circle') throw new Error('people-revealed-ring is not a circle layer');
    expect(evaluate(ring.filter, { revealed: true })).toBe(true);
    expect(evaluate(ring.filter, {})).toBe(false);
    expect(ring.paint?.['circle-stroke-color']).toBe(REVEALED_RING_COLOR);
    // Switched with the people, drawn under them.
    expect(TOGGLEABLE_LAYERS.people).toContain('people-revealed-ring');
    const ids = style.layers.map((l) => l.id);
    expect(ids.indexOf('people-revealed-ring')).toBeLessThan(ids.indexOf('people'));
  });
});
