import { describe, expect, it } from 'vitest';
import { columnSamples, guessColumns, guessMapping, mappingSignature, profileColumns, unmappedValues, valueKey, type ColumnMapping } from '../../../src/io/columnMapping';
import { parseCsvTable } from '../../../src/io/csv';
import { PEOPLE_MAPPING, readPeopleFile } from '../../../src/io/peopleCsv';
import { readShelterFile } from '../../../src/io/shelterFile';
import { SHELTER_MAPPING } from '../../../src/io/standardShelters';
import { SUPPORTER_MAPPING, readSupportersFile } from '../../../src/io/supportersCsv';
import { fixtureBytes, toShiftJis } from './helpers';

const NOW = '2025-01-01T00:00:00.000Z';
const text = (name: string) => new TextDecoder().decode(fixtureBytes(`mapping/${name}`));
const profileOf = (name: string) => profileColumns(parseCsvTable(text(name), name));
/** Field → guessed header (or null). */
function guessedHeaders(template: typeof PEOPLE_MAPPING, headers: string[]): Record<string, string | null> {
  const g = guessColumns(template, headers);
  return Object.fromEntries(Object.entries(g).map(([k, i]) => [k, i >= 0 ? headers[i] : null]));
}

/** The mapping a user confirms for welfare_export.csv: the guess, plus 事由 ← 要介護度 and the value words. */
function confirmedWelfareMapping(): ColumnMapping {
  const m = guessMapping(PEOPLE_MAPPING, profileOf('welfare_export.csv'));
  m.columns.reason = '要介護度';
  m.values!.mobility = { ...m.values!.mobility, 一部介助: 'cane_walker', 全介助: 'wheelchair' };
  m.values!.consent = { ...m.values!.consent, はい: 'given', いいえ: 'refused' };
  m.values!.household = { ...m.values!.household, 高齢者世帯: 'elderly_only' };
  return m;
}

describe('guessing columns of a welfare-system export', () => {
  it('maps variant and bracketed headers, half-width kana, and leaves 要介護度 off 移動', () => {
    const headers = ['宛名番号', '氏名（漢字）', 'ﾌﾘｶﾞﾅ', '生年月日（和暦）', '性別', '現住所', '電話', '要介護度', '歩行状態', '世帯区分', '医療機器', '名簿提供同意', '同意取得日', '行政区', '緯度', '経度'];
    const g = guessedHeaders(PEOPLE_MAPPING, headers);
    expect(g).toMatchObject({
      id: '宛名番号', name: '氏名（漢字）', nameKana: 'ﾌﾘｶﾞﾅ', birthDate: '生年月日（和暦）', sex: '性別', address: '現住所', phone: '電話',
      mobility: '歩行状態', household: '世帯区分', medical: '医療機器', consent: '名簿提供同意', consentDate: '同意取得日', district: '行政区', lat: '緯度', lng: '経度',
    });
    expect(g.reason).toBeNull();
    expect(Object.values(g)).not.toContain('要介護度');
  });

  it('handles other real-world spellings without mixing up names, contacts and codes', () => {
    const headers = ['No', '個人番号', '対象者氏名', '氏名カナ', '生年月日', '性別', '郵便番号', '住所', '自宅電話番号', '緊急連絡先氏名', '緊急連絡先電話', '要介護度', '障害者手帳', '移動手段', '世帯構成', '世帯主氏名', '同意の有無', '地区名'];
    const g = guessedHeaders(PEOPLE_MAPPING, headers);
    expect(g).toMatchObject({ id: '個人番号', name: '対象者氏名', nameKana: '氏名カナ', address: '住所', phone: '自宅電話番号', mobility: '移動手段', household: '世帯構成', consent: '同意の有無', district: '地区名' });
    expect(Object.values(g)).not.toContain('緊急連絡先氏名');
    expect(Object.values(g)).not.toContain('郵便番号');
    expect(Object.values(g)).not.toContain('世帯主氏名');
  });

  it('guesses supporter and shelter lists too', () => {
    const s = guessedHeaders(SUPPORTER_MAPPING, profileOf('supporters_other.csv').headers);
    expect(s).toMatchObject({ id: '支援者番号', name: '支援者氏名', role: '関係', address: '支援者住所', phone: '携帯電話', availability: '対応時間帯', capacity: '担当可能人数' });
    const h = guessedHeaders(SHELTER_MAPPING, profileOf('shelter_list_other.csv').headers);
    expect(h).toMatchObject({ id: '施設番号', name: '避難所名称', address: '所在地', lat: '北緯', lng: '東経', capacity: '収容定員', kind: '避難所区分', accepts: '受入対象', 'hazard.flood': '洪水対応', 'hazard.landslide': '土砂災害対応', 'hazard.earthquake': '地震対応' });
  });
});

describe('profile and value guesses', () => {
  it('keeps three samples per header and the distinct values of short columns', () => {
    const p = profileOf('welfare_export.csv');
    const i = p.headers.indexOf('歩行状態');
    expect(columnSamples(p)[i]).toEqual(['全介助', '一部介助', '自立']);
    expect(p.distinct[i]).toEqual(['全介助', '一部介助', '自立', '寝たきり']);
    const m = guessMapping(PEOPLE_MAPPING, p);
    expect(m.values!.mobility).toEqual({ 自立: 'independent', 寝たきり: 'bedridden' });
    expect(unmappedValues(PEOPLE_MAPPING, 'mobility', p.distinct[i], m)).toEqual(['全介助', '一部介助']);
    // はい is a word for 同意; いいえ and 未回答 have a negation, so the user chooses them.
    expect(unmappedValues(PEOPLE_MAPPING, 'consent', p.distinct[p.headers.indexOf('名簿提供同意')], m)).toEqual(['いいえ', '未回答']);
    expect(m.values!.sex).toEqual({ 女性: 'female', 男性: 'male' });
  });

  it('drops the distinct list of columns with many values', () => {
    const rows = Array.from({ length: 40 }, (_, i) => `${i},名前${i}`).join('\n');
    const p = profileColumns(parseCsvTable(`番号,氏名\n${rows}`, 'x.csv'), 30);
    expect(p.distinct).toEqual([null, null]);
    expect(columnSamples(p)[1]).toEqual(['名前0', '名前1', '名前2']);
  });

  it('signs a source by kind and its sorted, normalised headers', () => {
    expect(mappingSignature('people', ['b', 'Ａ'])).toBe(mappingSignature('people', ['a', 'b']));
    expect(mappingSignature('people', ['a', 'b'])).not.toBe(mappingSignature('supporters', ['a', 'b']));
    expect(valueKey(' 一部 介助 ')).toBe('一部介助');
  });
});

describe('reading through a mapping', () => {
  it('asks for a mapping when the template does not bind, and reads the same Person records as the template file', () => {
    const plain = readPeopleFile(fixtureBytes('mapping/welfare_export.csv'), 'welfare_export.csv', { now: NOW, profile: true });
    expect(plain.needsMapping).toBe(true);
    expect(plain.records).toEqual([]);
    expect(plain.profile?.headers).toContain('歩行状態');

    const mapped = readPeopleFile(toShiftJis(text('welfare_export.csv')), 'welfare_export.csv', { now: NOW, mapping: confirmedWelfareMapping() });
    expect(mapped.errors).toEqual([]);
    expect(mapped.mapped).toBe(true);
    expect(mapped.encoding).toBe('shift_jis');
    const template = readPeopleFile(fixtureBytes('mapping/welfare_export_as_template.csv'), 'template.csv', { now: NOW });
    expect(template.errors).toEqual([]);
    expect(mapped.records).toEqual(template.records);
    expect(mapped.records.map((p) => p.mobility)).toEqual(['wheelchair', 'cane_walker', 'independent', 'bedridden']);
    expect(mapped.records.map((p) => p.consent.status)).toEqual(['given', 'given', 'refused', 'pending']);
  });

  it('lists unmapped value words through the same validation (file, row, the file\'s column)', () => {
    const m = guessMapping(PEOPLE_MAPPING, profileOf('welfare_export.csv'));
    const r = readPeopleFile(text('welfare_export.csv'), 'welfare_export.csv', { now: NOW, mapping: m });
    const mobility = r.errors.filter((e) => e.column === '歩行状態');
    expect(mobility.map((e) => e.row)).toEqual([1, 2]);
    expect(mobility[0].message).toContain('全介助');
    expect(r.errors.filter((e) => e.column === '名簿提供同意')).toEqual([]); // はい, いいえ, 未回答: read by the consent rule
    expect(r.validRecords.map((p) => [p.id, p.consent.status])).toEqual([['P003', 'refused'], ['P004', 'pending']]);
  });

  it('reports required fields the mapping leaves out', () => {
    const m = confirmedWelfareMapping();
    delete m.columns.mobility;
    const r = readPeopleFile(text('welfare_export.csv'), 'w.csv', { now: NOW, mapping: m });
    expect(r.needsMapping).toBe(true);
    expect(r.errors[0]).toMatchObject({ row: 0, column: null });
    expect(r.errors[0].message).toContain('移動');
  });

  it('uses a remembered mapping chosen by headers, and binds template files as before', () => {
    const saved = confirmedWelfareMapping();
    const sig = mappingSignature('people', profileOf('welfare_export.csv').headers);
    const resolver = (headers: readonly string[]) => (mappingSignature('people', headers) === sig ? saved : null);
    expect(readPeopleFile(text('welfare_export.csv'), 'w.csv', { now: NOW, mapping: resolver }).records).toHaveLength(4);
    const t = readPeopleFile(fixtureBytes('people_template.csv'), 'people_template.csv', { now: NOW, mapping: resolver });
    expect(t.mapped).toBe(false);
    expect(t.records).toHaveLength(4);
  });

  it('reads supporters with value words mapped', () => {
    const p = profileOf('supporters_other.csv');
    const m = guessMapping(SUPPORTER_MAPPING, p);
    expect(unmappedValues(SUPPORTER_MAPPING, 'role', p.distinct[p.headers.indexOf('関係')], m)).toEqual(['町内の消防団員']);
    m.values!.role = { ...m.values!.role, 町内の消防団員: 'shobodan' };
    const r = readSupportersFile(text('supporters_other.csv'), 's.csv', { now: NOW, mapping: m });
    expect(r.errors).toEqual([]);
    expect(r.records.map((s) => [s.role, s.availability, s.capacity])).toEqual([['minsei', 'day', 2], ['neighbor', 'day_and_night', 1], ['shobodan', 'night', 3]]);
  });

  it('reads an unknown shelter list through a mapping, with hazard flags, 種別 words or one 種別 for the file', () => {
    const plain = readShelterFile(fixtureBytes('mapping/shelter_list_other.csv'), 'other.csv', { profile: true });
    expect(plain.needsMapping).toBe(true);
    expect(columnSamples(plain.profile!)[1]).toEqual(['架空市立第一小学校', '架空市福祉センター', '架空中央公園']);

    const m = guessMapping(SHELTER_MAPPING, profileOf('shelter_list_other.csv'));
    expect(m.values!.kind).toEqual({ 一次避難所: 'shelter', 福祉避難所: 'welfare_shelter', 広域避難場所: 'emergency_site' });
    const r = readShelterFile(fixtureBytes('mapping/shelter_list_other.csv'), 'other.csv', { mapping: m });
    expect(r.errors).toEqual([]);
    expect(r.format).toBe('mapped-csv');
    expect(r.records.map((s) => [s.id, s.kinds, s.hazards, s.capacity, s.accepts])).toEqual([
      ['1', ['shelter'], ['flood', 'earthquake'], 500, []],
      ['2', ['welfare_shelter'], ['earthquake'], 40, ['elderly', 'disabled']],
      ['3', ['emergency_site'], ['flood', 'landslide', 'earthquake'], null, []],
    ]);

    const fixed: ColumnMapping = { columns: { name: '避難所名称', lat: '北緯', lng: '東経' }, fixed: { kind: 'shelter' } };
    const f = readShelterFile(fixtureBytes('mapping/shelter_list_other.csv'), 'other.csv', { mapping: fixed });
    expect(f.errors).toEqual([]);
    expect(f.records.map((s) => s.kinds)).toEqual([['shelter'], ['shelter'], ['shelter']]);
    expect(f.records.map((s) => s.id)).toEqual(['架空市立第一小学校', '架空市福祉センター', '架空中央公園']);
  });
});

describe('profile of a large file', () => {
  it('stops tracking many-valued columns and keeps the short ones of a 100,000-row 名簿', () => {
    const rows: string[] = ['宛名番号,氏名,歩行状態,性別'];
    const words = ['自立', '一部介助', '全介助', '寝たきり'];
    for (let i = 0; i < 100_000; i++) rows.push(`${i},名前${i},${words[i % 4]},${i % 2 ? '男性' : '女性'}`);
    const table = parseCsvTable(rows.join('\n'), 'big.csv');
    const p = profileColumns(table);
    expect(p.distinct).toEqual([null, null, words, ['女性', '男性']]);
  });
});
