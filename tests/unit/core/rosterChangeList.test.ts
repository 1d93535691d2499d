import { describe, expect, it } from 'vitest';
import { rosterChangeRows, withheldCount } from '../../../src/core/rosterChangeList';
import { defaultRosterChoices, planPeopleUpdate, planSupportersUpdate } from '../../../src/core/rosterUpdate';
import { CTX, person, supporter } from './rosterFixtures';

const refused = { status: 'refused' as const, date: null, method: 'unknown' as const, recipients: [] };

describe('変更一覧: the rows of a 名簿 update', () => {
  it('one row per changed field, per added, archived, renumbered, location check and ambiguous row', () => {
    const stored = [
      person('A1'), person('A2'), person('A3', { address: '会津若松市栄町1-1' }), person('OLD', { name: '星ハル' }),
      person('X1', { name: '佐藤清', birthDate: '1935-01-01' }), person('X2', { name: '佐藤清', birthDate: '1935-01-01' }),
    ];
    const file = [
      person('A1', { mobility: 'wheelchair', medical: ['dialysis'] }),
      person('A3', { address: '会津若松市門田町5-5', location: null }),
      person('NEW', { name: '星ハル' }),
      person('N1', { districtId: '新町' }),
      person('Y1', { name: '佐藤清', birthDate: '1935-01-01' }),
    ];
    const plan = planPeopleUpdate(stored, file, { ...defaultRosterChoices(), archiveReasonForAll: 'deceased' }, CTX);
    const rows = rosterChangeRows(plan, CTX.districtNames).map(({ id, change, field, old, new: n, district }) => [id, change, field, old, n, district]);
    expect(rows).toEqual([
      ['N1', 'added', '', '', '', '新町'],
      ['A1', 'changed', '移動', '杖・歩行器', '車いす', '栄町'],
      ['A1', 'changed', '医療', '（なし）', '透析', '栄町'],
      ['A3', 'changed', '住所', '会津若松市栄町1-1', '会津若松市門田町5-5', '栄町'],
      ['A3', 'changed', '位置', '緯度37.490000・経度139.930000（緯度経度（名簿））', '（なし）', '栄町'],
      ['NEW', 'renumbered', 'ID', 'OLD', 'NEW', '栄町'],
      ['A3', 'location_check', '位置', '', '位置の確認が必要', '栄町'],
      // Off the 名簿 now: the city's ID and the reason, nothing else.
      ['A2', 'archived', '名簿から外れた理由', '', '死亡', ''],
      ['Y1', 'ambiguous', '照合の候補', '', 'X1 X2', '栄町'],
    ]);
    expect(withheldCount(rosterChangeRows(plan))).toBe(1);
  });

  it('withholds the values of people not shown after the update (keeps field names, the 同意 row and the reason for leaving) and counts them', () => {
    const stored = [person('H1', { consent: refused }), person('W1'), person('H2', { consent: refused })];
    const file = [person('H1', { consent: refused, mobility: 'wheelchair' }), person('W1', { consent: refused, mobility: 'wheelchair' })];
    const rows = rosterChangeRows(planPeopleUpdate(stored, file, defaultRosterChoices(), CTX), CTX.districtNames);
    expect(rows.map(({ id, change, field, old, new: n, name, withheld }) => [id, change, field, old, n, name, withheld])).toEqual([
      ['H1', 'changed', '移動', '', '', '', true],
      // W1 withdrew: from now on only the withdrawal itself may leave the store.
      ['W1', 'changed', '移動', '', '', '', true],
      ['W1', 'changed', '同意', '同意（2025-04-01・署名・自主防災組織、民生委員）', '不同意', '', true],
      ['H2', 'archived', '名簿から外れた理由', '', '不明', '', true],
    ]);
    expect(withheldCount(rows)).toBe(3);
    expect(JSON.stringify(rows)).not.toContain('山田');
  });

  it('keeps the 同意 row of a hidden person', () => {
    const pending = { status: 'pending' as const, date: null, method: 'unknown' as const, recipients: [] };
    const rows = rosterChangeRows(planPeopleUpdate([person('H1', { consent: pending })], [person('H1', { consent: refused, phone: '0242-00-7777' })], defaultRosterChoices(), CTX));
    expect(rows.map((r) => [r.field, r.old, r.new])).toEqual([['電話番号', '', ''], ['同意', '未確認', '不同意']]);
  });

  it('supporters are not gated', () => {
    const rows = rosterChangeRows(planSupportersUpdate([supporter('S1')], [supporter('S1', { capacity: 4 })], defaultRosterChoices(), CTX));
    expect(rows.map((r) => [r.id, r.field, r.old, r.new, r.withheld])).toEqual([['S1', '支援可能人数', '2人', '4人', false]]);
  });
});
