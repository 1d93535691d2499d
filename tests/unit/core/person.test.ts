import { describe, expect, it } from 'vitest';
import { ageOn, hasMedicalDependence, validateLocation, validatePerson, type Person, type PlacedLocation } from '../../../src/core/person';
import { isShareable, pendingConsent, validateConsent, type Consent } from '../../../src/core/consent';

const consent = (over: Partial<Consent> = {}): Consent => ({ status: 'given', date: '2024-04-01', method: 'signature', recipients: ['jishubo', 'minsei'], ...over });
const loc = (lat: number, lng: number): PlacedLocation => ({ lat, lng, source: 'manual', at: '2024-04-01T00:00:00Z' });
const person = (over: Partial<Person> = {}): Person => ({
  id: 'p1', name: '会津 花子', nameKana: 'アイヅ ハナコ', birthDate: '1940-04-01', sex: 'female',
  address: '福島県会津若松市栄町1-1', phone: '0242-00-0000', reason: '下肢障がい', districtId: 'd1',
  location: loc(37.4948, 139.9323), mobility: 'wheelchair', household: 'alone', medical: [], communication: ['hearing'],
  consent: consent(), origin: 'user', createdAt: '2024-04-01T00:00:00Z', updatedAt: '2024-04-01T00:00:00Z', ...over,
});
const fields = (errors: { field: string }[]) => errors.map((e) => e.field);

describe('validatePerson', () => {
  it('accepts a complete valid person', () => {
    expect(validatePerson(person())).toEqual([]);
  });

  it.each([
    ['unknown birth date', { birthDate: null }],
    ['the leap day 2024-02-29', { birthDate: '2024-02-29' }],
    ['no location yet', { location: null }],
    ['empty optional phone and kana', { phone: '', nameKana: '' }],
    ['a full-width phone number', { phone: '０２４２－００－００００' }],
    ['half-width katakana フリガナ', { nameKana: 'ｱｲﾂﾞ ﾊﾅｺ' }],
  ] as [string, Partial<Person>][])('accepts %s', (_, over) => {
    expect(validatePerson(person(over))).toEqual([]);
  });

  it.each([
    ['name', '氏名', { name: '' }],
    ['name', '氏名', { name: '   ' }],
    ['name', '氏名', { name: 'あ'.repeat(101) }],
    ['nameKana', 'フリガナ', { nameKana: 'Aizu Hanako' }],
    ['birthDate', '生年月日', { birthDate: '2023-02-29' }],
    ['birthDate', '生年月日', { birthDate: '1940/04/01' }],
    ['birthDate', '生年月日', { birthDate: '2999-01-01' }],
    ['birthDate', '生年月日', { birthDate: '1899-12-31' }],
    ['sex', '性別', { sex: 'x' }],
    ['address', '住所', { address: '' }],
    ['phone', '電話番号', { phone: 'なし' }],
    ['mobility', '移動', { mobility: 'flying' }],
    ['household', '世帯', { household: 'big' }],
    ['medical', '医療', { medical: ['magic'] }],
    ['communication', '意思疎通', { communication: ['telepathy'] }],
  ] as [string, string, Partial<Person>][])('rejects bad %s with a message naming %s', (field, label, over) => {
    const errors = validatePerson(person(over));
    expect(fields(errors)).toEqual([field]);
    expect(errors[0].message).toContain(label);
  });

  it('reports consent errors under consent.*', () => {
    expect(fields(validatePerson(person({ consent: consent({ date: '2024-02-30' }) })))).toEqual(['consent.date']);
  });
});

describe('validateLocation', () => {
  it('detects swapped latitude/longitude and suggests the fix', () => {
    const errors = validateLocation(loc(139.9, 37.5));
    expect(errors.length).toBeGreaterThan(0);
    expect(new Set(fields(errors))).toEqual(new Set(['location']));
    const swap = errors.find((e) => e.message.includes('入れ替わっている'));
    expect(swap?.message).toContain('緯度37.5、経度139.9ではありませんか');
  });

  it.each([
    ['Seoul', 37.5665, 126.978],
    ['London', 51.5072, -0.1276],
  ])('rejects %s as outside Japan', (_, lat, lng) => {
    const errors = validateLocation(loc(lat, lng));
    expect(fields(errors)).toEqual(['location']);
    expect(errors[0].message).toContain('日本国外');
  });

  it('rejects non-numeric coordinates and accepts null', () => {
    expect(validateLocation(loc(NaN, 139.9))[0].message).toContain('数値');
    expect(validateLocation(null)).toEqual([]);
  });
});

describe('consent', () => {
  it('isShareable is true only for given consent', () => {
    expect(isShareable(consent())).toBe(true);
    expect(isShareable(consent({ status: 'refused' }))).toBe(false);
    expect(isShareable(pendingConsent())).toBe(false);
    expect(isShareable(undefined)).toBe(false);
    expect(isShareable(null)).toBe(false);
  });

  it('accepts consent without a recorded date (the 名簿 template has no date column), but not a malformed one', () => {
    expect(validateConsent(consent({ date: null }))).toEqual([]);
    expect(validateConsent(pendingConsent())).toEqual([]);
    const errors = validateConsent(consent({ date: '2024/13/01' }));
    expect(fields(errors)).toEqual(['consent.date']);
    expect(errors[0].message).toContain('同意日');
  });

  it('rejects impossible dates and unknown recipients', () => {
    expect(fields(validateConsent(consent({ date: '2023-02-29' })))).toEqual(['consent.date']);
    const errors = validateConsent(consent({ recipients: ['neighbour' as never] }));
    expect(fields(errors)).toEqual(['consent.recipients']);
    expect(errors[0].message).toContain('neighbour');
  });
});

describe('ageOn', () => {
  it('counts whole years, increasing on the birthday', () => {
    expect(ageOn('1940-04-01', '2024-03-31')).toBe(83);
    expect(ageOn('1940-04-01', '2024-04-01')).toBe(84);
    expect(ageOn('1940-12-31', '2025-01-01')).toBe(84);
    expect(ageOn(null, '2024-04-01')).toBeNull();
  });
  it('handles a leap-day birthday', () => {
    expect(ageOn('2000-02-29', '2023-02-28')).toBe(22);
    expect(ageOn('2000-02-29', '2023-03-01')).toBe(23);
  });
});

it('hasMedicalDependence is true when any medical need is recorded', () => {
  expect(hasMedicalDependence({ medical: [] })).toBe(false);
  expect(hasMedicalDependence({ medical: ['home_oxygen'] })).toBe(true);
});
