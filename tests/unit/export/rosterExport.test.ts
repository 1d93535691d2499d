import { describe, expect, it } from 'vitest';
import { isShareableWith } from '../../../src/core/consent';
import type { District } from '../../../src/core/district';
import type { Plan } from '../../../src/core/plan';
import type { Priority } from '../../../src/core/priority';
import { ROSTER_EXPORT_HEADER, rosterExport, rosterExportFileName, type ExportSuggestion } from '../../../src/core/rosterExport';
import { makeShelter } from '../engine/fixtures';
import { completePlan, person, supporter } from '../plan/fixtures';

const priority = (rank: Priority['rank'], reasons: string[] = []): Priority => ({ rank, hazardPoints: 0, needPoints: 0, reasons });
const consent = (recipients: string[], status = 'given') => ({ status, date: '2024-04-01', method: 'signature', recipients }) as never;
const districts = new Map<string, District>([
  ['d1', { id: 'd1', name: '一箕町松長地区', outline: null, color: '#000', origin: 'user' }],
  ['d2', { id: 'd2', name: '中央・大町地区', outline: null, color: '#000', origin: 'user' }],
]);
const shelters = new Map([['sh1', makeShelter('sh1', [139.93, 37.5], { name: '松長小学校' })], ['sh2', makeShelter('sh2', [139.94, 37.5], { name: '第二中学校' })]]);
const supporters = new Map([['s1', supporter()], ['s2', supporter({ id: 's2', name: '大町 次郎', phone: '0242-00-0003' })]]);

const people = [
  person({ id: 'a', name: '会津 一', nameKana: 'アイヅ　ハジメ', districtId: 'd2', consent: consent(['shobodan', 'minsei']) }),
  person({ id: 'b', name: '伊東 二葉', nameKana: 'イトウ　フタバ', districtId: 'd1', consent: consent(['shobodan']), birthDate: '1930-06-01', medical: ['home_oxygen'] }),
  person({ id: 'c', name: '上田 三郎', nameKana: 'ウエダ　サブロウ', districtId: 'd1', consent: consent(['shobodan']) }),
  person({ id: 'd', name: '江藤 四子', nameKana: 'エトウ　ヨツコ', districtId: 'd1', consent: consent(['minsei']) }),
  person({ id: 'e', name: '大野 五郎', nameKana: 'オオノ　ゴロウ', districtId: 'd1', consent: consent([]) }),
];
const suggestions = new Map<string, ExportSuggestion>([
  ['a', { priority: priority('B'), destination: { shelterId: 'sh2' }, supporters: [{ supporterId: 's2' }] }],
  ['b', { priority: priority('C'), destination: { shelterId: 'sh1' }, supporters: [] }],
  ['c', { priority: priority('A', ['一人暮らし', '車いす']), destination: null, supporters: [{ supporterId: 's1' }] }],
]);

function exportFor(plans: Map<string, Plan>, recipient: 'shobodan' | 'minsei' = 'shobodan') {
  return rosterExport({ people, recipient, hazard: 'flood', onDate: '2026-11-24', plans, supporters, shelters, districts, suggestions });
}
const column = (name: (typeof ROSTER_EXPORT_HEADER)[number]) => ROSTER_EXPORT_HEADER.indexOf(name);

describe('関係者向け名簿 (a list for one recipient)', () => {
  it('lists exactly the people who agreed to share with that recipient; no recipients recorded means not agreed', () => {
    const out = exportFor(new Map());
    const ids = out.rows.slice(1).map((r) => r[column('ID')]);
    expect(ids.sort()).toEqual(people.filter((p) => isShareableWith(p.consent, 'shobodan')).map((p) => p.id).sort());
    expect(ids).not.toContain('d');
    expect(ids).not.toContain('e');
    expect(out.withheld).toBe(2);
    expect(exportFor(new Map(), 'minsei').rows.slice(1).map((r) => r[column('ID')]).sort()).toEqual(['a', 'd']);
    expect(isShareableWith(consent(['shobodan'], 'refused'), 'shobodan')).toBe(false);
  });

  it('orders by district, then priority A→C, and writes the items in words', () => {
    const out = exportFor(new Map());
    expect(out.rows[0]).toEqual([...ROSTER_EXPORT_HEADER]);
    expect(out.rows.slice(1).map((r) => r[column('ID')])).toEqual(['c', 'b', 'a']); // 一箕町松長 (A, C) before 中央・大町
    const b = out.rows.find((r) => r[column('ID')] === 'b')!;
    expect(b[column('地区')]).toBe('一箕町松長地区');
    expect(b[column('年齢')]).toBe('96');
    expect(b[column('移動')]).toBe('車いす');
    expect(b[column('医療')]).toBe('在宅酸素');
    expect(b[column('計画の状態')]).toBe('未着手');
    const c = out.rows.find((r) => r[column('ID')] === 'c')!;
    expect(c[column('優先度')]).toBe('A');
    expect(c[column('優先度の理由')]).toBe('一人暮らし・車いす');
  });

  it('gives plan supporters and destination only when the plan consent names the recipient; otherwise the suggestion, marked', () => {
    const planFor = (personId: string, recipients: string[]) =>
      completePlan({ personId, id: `plan-${personId}`, consent: consent(recipients), primarySupporter: { supporterId: 's1', name: '', phone: '', address: '', chosenBy: 'user' }, destinations: { flood: { shelterId: 'sh1', chosenBy: 'user', routeNote: '', routeLine: null } } });
    const plans = new Map([['a', planFor('a', ['shobodan'])], ['b', planFor('b', ['minsei'])]]);
    const out = exportFor(plans);
    const a = out.rows.find((r) => r[column('ID')] === 'a')!;
    expect(a[column('避難支援等実施者')]).toBe('若松 太郎');
    expect(a[column('実施者の電話番号')]).toBe('0242-00-0002');
    expect(a[column('避難先')]).toBe('松長小学校［洪水］');
    expect(a[column('計画の状態')]).toBe('作成中');
    // b's plan is not for the 消防団: the engine's suggestion instead, marked as such.
    const b = out.rows.find((r) => r[column('ID')] === 'b')!;
    expect(b[column('避難支援等実施者')]).toBe('');
    expect(b[column('避難先')]).toBe('松長小学校（提案）［洪水］');
    const c = out.rows.find((r) => r[column('ID')] === 'c')!;
    expect(c[column('避難支援等実施者')]).toBe('若松 太郎（提案）');
    expect(c[column('避難先')]).toBe('');
  });

  it('names the file after the recipient, the scope and the date, without characters a file system refuses', () => {
    expect(rosterExportFileName('shobodan', '一箕町松長地区', '2026-11-24')).toBe('消防団向け名簿_一箕町松長地区_2026-11-24.csv');
    expect(rosterExportFileName('minsei', 'A/B: 地区', '2026-11-24')).toBe('民生委員向け名簿_A_B_地区_2026-11-24.csv');
  });
});
