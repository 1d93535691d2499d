import { describe, expect, it } from 'vitest';
import { isShareable } from '../../../src/core/consent';
import { distanceMetres } from '../../../src/core/geo';
import { planeToLngLat } from '../../../src/io/coordinates';
import { PEOPLE_TEMPLATE_HEADER, readPeopleFile } from '../../../src/io/peopleCsv';
import { SUPPORTER_TEMPLATE_HEADER, readSupportersFile } from '../../../src/io/supportersCsv';
import { fixtureBytes, toShiftJis } from './helpers';

const NOW = '2025-01-01T00:00:00.000Z';
const people = () => readPeopleFile(fixtureBytes('people_template.csv'), 'people_template.csv', { now: NOW });

describe('名簿 template', () => {
  it('reads every row of the template fixture', () => {
    const r = people();
    expect(r.errors).toEqual([]);
    expect(r.records.map((p) => p.id)).toEqual(['P001', 'P002', 'P003', 'P004']);
    expect(r.rows).toEqual([1, 2, 3, 4]);
  });

  it('converts 和暦 and full-width dates, Japanese labels and multi-value 医療 to codes', () => {
    const [p1, p2, p3] = people().records;
    expect(p1).toMatchObject({ birthDate: '1940-04-01', sex: 'female', mobility: 'wheelchair', household: 'alone', medical: ['home_oxygen', 'suction'] });
    expect(p2).toMatchObject({ birthDate: '1935-12-03', sex: 'male', mobility: 'cane_walker', household: 'elderly_only', medical: [] });
    expect(p3).toMatchObject({ birthDate: '1989-01-08', mobility: 'independent', household: 'with_family', medical: ['dialysis', 'insulin'] });
  });

  it('keeps names and addresses exactly as written, normalises phone numbers', () => {
    const [p1, p2] = people().records;
    expect(p1.name).toBe('会津　花子');
    expect(p1.address).toBe('福島県会津若松市栄町１－１');
    expect(p1.reason).toBe('下肢障がい\n（要介護３）');
    expect(p1.phone).toBe('0242-00-0000');
    expect(p2.phone).toBe('0242-11-1111');
  });

  it('stores a name containing a script tag as plain text', () => {
    expect(people().records[2].name).toBe('<script>alert(1)</script>');
  });

  it('maps 同意 to the consent model, with the date from 同意日 or inside the cell; only 同意 is shareable', () => {
    const rs = people().records;
    expect(rs.map((p) => p.consent.status)).toEqual(['given', 'given', 'refused', 'pending']);
    expect(rs.map((p) => p.consent.date)).toEqual(['2024-04-01', '2024-05-10', null, null]);
    expect(rs.map((p) => isShareable(p.consent))).toEqual([true, true, false, false]);
  });

  it('imports 同意 without a date (the template has no 同意日 column) as given with no date', () => {
    const csv = `${PEOPLE_TEMPLATE_HEADER}\nA,花子,ハナコ,S15.4.1,女,住所1,,,独歩,,,同意,,,\n`;
    const r = readPeopleFile(csv, 'x.csv', { now: NOW });
    expect(r.errors).toEqual([]);
    expect(r.records[0].consent).toMatchObject({ status: 'given', date: null });
  });

  it('places people from 緯度/経度 and from 平面直角座標 (系IX) within 1 m of proj4', () => {
    const [p1, p2, p3, p4] = people().records;
    expect(p1.location).toEqual({ lng: 139.9323, lat: 37.4948, source: 'coordinates', at: NOW });
    expect(p2.location?.source).toBe('plane_rectangular');
    const expected = planeToLngLat(165226.48, 8548.19, 9);
    expect(distanceMetres([p2.location!.lng, p2.location!.lat], expected)).toBeLessThan(1);
    expect(distanceMetres([p2.location!.lng, p2.location!.lat], [139.93, 37.489])).toBeLessThan(1);
    expect(p3.location).toMatchObject({ lng: 139.933, lat: 37.495 });
    expect(p4.location).toBeNull();
  });

  it('reads a Shift_JIS 名簿 with 和暦 and 平面直角座標 the same as the UTF-8 one', () => {
    const utf8Text = new TextDecoder().decode(fixtureBytes('people_template.csv')).replace(/^\uFEFF/, '');
    const r = readPeopleFile(toShiftJis(utf8Text), 'meibo_sjis.csv', { now: NOW });
    expect(r.encoding).toBe('shift_jis');
    expect(r.records).toEqual(people().records);
  });

  it('binds columns by name in any order and without optional columns', () => {
    const csv = '経度,緯度,移動,住所,氏名,ID\n139.93,37.49,車椅子,福島県会津若松市栄町1-1,会津 花子,X1\n';
    const r = readPeopleFile(csv, 'min.csv', { now: NOW });
    expect(r.errors).toEqual([]);
    expect(r.records[0]).toMatchObject({ id: 'X1', name: '会津 花子', mobility: 'wheelchair', sex: 'unknown', household: 'unknown', birthDate: null, location: { lng: 139.93, lat: 37.49 } });
    expect(r.records[0].consent).toEqual({ status: 'pending', date: null, method: 'unknown', recipients: [] });
  });

  it('reports bad cells with row and column, and returns no one from the file', () => {
    const csv = `${PEOPLE_TEMPLATE_HEADER}\nA,花子,ハナコ,H32.1.1,女,住所1,,,独歩,,,同意,,,,\nB,太郎,タロウ,S10.1.1,男,住所2,,,空中浮遊,,,,,37.5,139.9\n`;
    const r = readPeopleFile(csv, 'x.csv', { now: NOW });
    expect(r.records).toEqual([]);
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [1, '生年月日'],
      [2, '移動'],
    ]);
  });
});

describe('supporter template', () => {
  const read = () => readSupportersFile(fixtureBytes('supporters_template.csv'), 'supporters_template.csv', { now: NOW });

  it('reads roles, availability, capacity and phones', () => {
    const r = read();
    expect(r.errors).toEqual([]);
    expect(r.records.map((s) => [s.id, s.role, s.availability, s.capacity, s.phone])).toEqual([
      ['S001', 'minsei', 'day', 2, '090-0000-0000'],
      ['S002', 'neighbor', 'day_and_night', 1, '+81-90-1111-2222'],
      ['S003', 'shobodan', 'night', 3, ''],
    ]);
    expect(r.records[1].location).toBeNull();
    expect(r.records[0].location).toMatchObject({ lat: 37.4951, lng: 139.931, source: 'coordinates' });
  });

  it('reads the header as the template documents it', () => {
    const r = readSupportersFile(`${SUPPORTER_TEMPLATE_HEADER}\nS9,山田 花子,家族,,,昼夜,1,,,\n`, 's.csv', { now: NOW });
    expect(r.records[0]).toMatchObject({ role: 'family', availability: 'day_and_night', capacity: 1 });
  });
});
