import { describe, expect, it } from 'vitest';
import type { Person } from '../../../src/core/person';
import { majorityMunicipality, municipalityOf } from '../../../src/core/municipality';
import { defaultRosterChoices, planPeopleUpdate, planSupportersUpdate, type RosterUpdateChoices } from '../../../src/core/rosterUpdate';
import { applyPlan, CTX, GIVEN, person, place, supporter } from './rosterFixtures';

const choices = (over: Partial<RosterUpdateChoices> = {}): RosterUpdateChoices => ({ ...defaultRosterChoices(), ...over });

describe('名簿の更新: people who leave and come back', () => {
  it('archives stored people missing from the file with the update, the date, the file and the reason', () => {
    const stored = [person('A1'), person('A2'), person('A3'), person('A4')];
    const plan = planPeopleUpdate(stored, [person('A1'), person('A4')], choices({ archiveReasons: { A2: 'deceased' }, archiveReasonForAll: 'moved_out' }), CTX);
    expect(plan.archived.map((a) => [a.before.id, a.after.archived?.reason])).toEqual([['A2', 'deceased'], ['A3', 'moved_out']]);
    expect(plan.archived[0].after.archived).toEqual({ updateId: 'upd-2027', at: CTX.now, on: '2027-04-01', reason: 'deceased', fileName: '名簿2027.csv' });
    expect(plan.archived[0].after.updatedAt).toBe(CTX.now);
    expect(plan.archived[0].after.mobility).toBe(stored[1].mobility); // kept, not deleted
    expect(plan.writes.map((w) => w.id).sort()).toEqual(['A2', 'A3']);
    expect(plan.total.archived).toBe(2);
    expect(plan.archiveNeedsConfirmation).toBe(false);
  });

  it('a file of some people only (one district, or read without its error rows) archives nobody and still updates who it lists', () => {
    const stored = [person('A1'), person('A2'), person('A3')];
    const plan = planPeopleUpdate(stored, [person('A1', { mobility: 'wheelchair' }), person('N1')], choices({ wholeRoster: false }), CTX);
    expect(plan.archived).toEqual([]);
    expect(plan.total.archived).toBe(0);
    expect(plan.archiveNeedsConfirmation).toBe(false);
    expect(plan.changed.map((c) => c.after.id)).toEqual(['A1']);
    expect(plan.added.map((p) => p.id)).toEqual(['N1']);
    expect(plan.writes.map((w) => w.id).sort()).toEqual(['A1', 'N1']);
  });

  it('people archived earlier and still missing stay as they are and are not counted', () => {
    const gone = person('A2', { archived: { updateId: 'old', at: '2026-04-01T00:00:00Z', on: '2026-04-01', reason: 'moved_out', fileName: 'x.csv' } });
    const plan = planPeopleUpdate([person('A1'), gone], [person('A1')], choices(), CTX);
    expect(plan.archived).toEqual([]);
    expect(plan.writes).toEqual([]);
    expect(plan.storedOnRoster).toBe(1);
  });

  it('a person listed again returns without the archive mark, and the plan is told', () => {
    const gone = person('A2', { archived: { updateId: 'old', at: '2026-04-01T00:00:00Z', on: '2026-04-01', reason: 'facility', fileName: 'x.csv' } });
    const plan = planPeopleUpdate([person('A1'), gone], [person('A1'), person('A2')], choices(), CTX);
    expect(plan.returned).toHaveLength(1);
    expect(plan.returned[0].after.archived).toBeUndefined();
    expect(plan.returned[0].after.updatedAt).toBe(CTX.now);
    expect(plan.total.returned).toBe(1);
    expect(plan.planReasons.get('A2')).toEqual([{ on: '2027-04-01', updateId: 'upd-2027', field: 'archived', text: '名簿の更新（2027-04-01）で名簿に戻りました', weight: 3 }]);
  });

  it('asks for confirmation when more than half of the 名簿 would be archived (not at exactly half)', () => {
    const stored = [person('A1'), person('A2'), person('A3'), person('A4')];
    expect(planPeopleUpdate(stored, [person('A1'), person('A2')], choices(), CTX).archiveNeedsConfirmation).toBe(false);
    const plan = planPeopleUpdate(stored, [person('A1')], choices(), CTX);
    expect(plan.archived).toHaveLength(3);
    expect(plan.archiveNeedsConfirmation).toBe(true);
  });
});

describe('名簿の更新: places', () => {
  it('keeps a place set by hand when the file has no coordinates and the same 住所', () => {
    const hand = place(139.95, 37.5, 'manual');
    const plan = planPeopleUpdate([person('A1', { location: hand })], [person('A1', { location: null, phone: '0242-00-1111' })], choices(), CTX);
    expect(plan.changed[0].after.location).toBe(hand);
    expect(plan.changed[0].changes.map((c) => c.field)).toEqual(['phone']);
  });

  it('keeps a hand-set or 位置の確認 place within 50 m of the file’s coordinates, without asking', () => {
    for (const source of ['manual', 'geocode_block'] as const) {
      const kept = place(139.93, 37.49, source);
      const plan = planPeopleUpdate([person('A1', { location: kept })], [person('A1', { location: place(139.93, 37.4903) })], choices(), CTX); // ~33 m
      expect(plan.locationChoices).toEqual([]);
      expect(plan.unchanged).toBe(1);
    }
  });

  it('lists a hand-set place more than 50 m from the file’s coordinates; keeps it unless the user takes the file’s', () => {
    const hand = place(139.93, 37.49, 'manual');
    const far = place(139.93, 37.491); // ~111 m north
    const stored = [person('A1', { location: hand })];
    const plan = planPeopleUpdate(stored, [person('A1', { location: far })], choices(), CTX);
    expect(plan.locationChoices).toHaveLength(1);
    expect(plan.locationChoices[0].id).toBe('A1');
    expect(plan.locationChoices[0].metres).toBeGreaterThan(100);
    expect(plan.locationChoices[0].metres).toBeLessThan(120);
    expect(plan.writes).toEqual([]);
    const taken = planPeopleUpdate(stored, [person('A1', { location: far })], choices({ takeFileLocation: new Set(['A1']) }), CTX);
    expect(taken.changed[0].after.location).toBe(far);
    expect(taken.changed[0].changes[0]).toMatchObject({ field: 'location', label: '位置', old: '緯度37.490000・経度139.930000（地図上で手動配置）', new: '緯度37.491000・経度139.930000（緯度経度（名簿））' });
  });

  it('a place from the file’s coordinates takes the new file’s coordinates', () => {
    const plan = planPeopleUpdate([person('A1', { location: place(139.93, 37.49) })], [person('A1', { location: place(139.94, 37.49) })], choices(), CTX);
    expect(plan.changed[0].after.location?.lng).toBe(139.94);
    expect(plan.locationChoices).toEqual([]);
  });

  it('a changed 住所 without coordinates drops the place and marks 位置の確認が必要; a later file with coordinates clears it', () => {
    const stored = [person('A1', { address: '会津若松市栄町1-1', location: place(139.93, 37.49, 'manual') })];
    const moved = person('A1', { address: '会津若松市門田町5-5', location: null });
    const plan = planPeopleUpdate(stored, [moved], choices(), CTX);
    const after = plan.changed[0].after;
    expect(after.location).toBeNull();
    expect(after.locationCheck).toEqual({ on: '2027-04-01', previousAddress: '会津若松市栄町1-1' });
    expect(plan.locationChecks).toEqual(['A1']);
    expect(plan.changed[0].changes.map((c) => c.field)).toEqual(['address', 'location']);

    // The same file again: the mark stays, nothing is written.
    const again = planPeopleUpdate(applyPlan(stored, plan), [moved], choices(), CTX);
    expect(again.writes).toEqual([]);
    expect(applyPlan(stored, plan)[0].locationCheck).toBeDefined();

    const placed = planPeopleUpdate(applyPlan(stored, plan), [person('A1', { address: '会津若松市門田町5-5', location: place(139.92, 37.48) })], choices(), CTX);
    expect(placed.changed[0].after.locationCheck).toBeUndefined();
    expect(placed.changed[0].after.location?.lat).toBe(37.48);
  });

  it('the same 住所 written differently (全角, spaces) is not a change of 住所', () => {
    const plan = planPeopleUpdate([person('A1', { address: '会津若松市栄町1-1' })], [person('A1', { address: '会津若松市 栄町１－１', location: null })], choices(), CTX);
    expect(plan.unchanged).toBe(1);
    expect(plan.locationChecks).toEqual([]);
  });
});

describe('名簿の更新: consent', () => {
  it('a file withdrawing consent hides the person: the change is listed and the plan is told', () => {
    const refused = { status: 'refused' as const, date: null, method: 'unknown' as const, recipients: [] };
    const plan = planPeopleUpdate([person('A1')], [person('A1', { consent: refused })], choices(), CTX);
    expect(plan.changed[0].after.consent).toEqual(refused);
    expect(plan.changed[0].changes).toEqual([{ field: 'consent', label: '同意', old: '同意（2025-04-01・署名・自主防災組織、民生委員）', new: '不同意' }]);
    expect(plan.planReasons.get('A1')?.[0]).toMatchObject({ field: 'consent', weight: 3, text: '名簿の更新（2027-04-01）で同意が 同意（2025-04-01・署名・自主防災組織、民生委員） → 不同意 に変わりました' });
  });

  it('a file turning a stored refusal into 同意 without a later date is a conflict: stored consent kept unless the user takes the file’s', () => {
    const refused = { status: 'refused' as const, date: '2026-05-01', method: 'verbal' as const, recipients: [] };
    const stored = [person('A1', { consent: refused })];
    const plan = planPeopleUpdate(stored, [person('A1', { consent: GIVEN })], choices(), CTX);
    expect(plan.consentConflicts).toEqual([{ id: 'A1', stored: refused, file: GIVEN }]);
    expect(plan.unchanged).toBe(1);
    expect(plan.writes).toEqual([]);
    const taken = planPeopleUpdate(stored, [person('A1', { consent: GIVEN })], choices({ takeFileConsent: new Set(['A1']) }), CTX);
    expect(taken.changed[0].after.consent).toEqual(GIVEN);
  });

  it('pending → given with a date becomes 同意 (the person will be shown)', () => {
    const pending = { status: 'pending' as const, date: null, method: 'unknown' as const, recipients: [] };
    const plan = planPeopleUpdate([person('A1', { consent: pending })], [person('A1', { consent: GIVEN })], choices(), CTX);
    expect(plan.changed[0].after.consent).toEqual(GIVEN);
    expect(plan.consentConflicts).toEqual([]);
  });

  it('who changed the consent in the app is not a change', () => {
    const stored = [person('A1', { consent: { ...GIVEN, changed: { by: '山田', at: '2026-05-01T00:00:00Z' } } })];
    const plan = planPeopleUpdate(stored, [person('A1')], choices(), CTX);
    expect(plan.unchanged).toBe(1);
  });
});

describe('名簿の更新: what a changed record says', () => {
  it('words every changed 名簿 item old → new, keeps origin and createdAt, and sets updatedAt only when changed', () => {
    const stored = person('A1', { sex: 'female', medical: ['insulin'], communication: ['hearing', 'vision'] });
    const file = person('A1', {
      name: '山田　花', nameKana: 'ヤマダ ハナ', birthDate: '1941-05-05', sex: 'male', address: '会津若松市門田町5-5', phone: '', reason: '要介護５',
      districtId: 'd2', location: place(139.95, 37.5), mobility: 'wheelchair', household: 'with_family', medical: ['home_oxygen', 'insulin'],
      communication: ['vision', 'hearing'], createdAt: 'file', updatedAt: 'file',
    });
    // 氏名 and 生年月日 both change: the user confirmed it is the same person (else the row is held).
    const plan = planPeopleUpdate([stored], [file], choices({ sameIdentity: new Set(['A1']) }), CTX);
    const c = plan.changed[0];
    expect(c.after.createdAt).toBe(stored.createdAt);
    expect(c.after.origin).toBe('user');
    expect(c.after.updatedAt).toBe(CTX.now);
    expect(c.changes.map((x) => [x.label, x.old, x.new])).toEqual([
      ['氏名', '山田　A1', '山田　花'],
      ['フリガナ', 'ヤマダ', 'ヤマダ ハナ'],
      ['生年月日', '1940-04-01', '1941-05-05'],
      ['性別', '女', '男'],
      ['住所', '福島県会津若松市栄町1-2', '会津若松市門田町5-5'],
      ['電話番号', '0242-00-0000', '（なし）'],
      ['避難支援等を必要とする事由', '要介護３', '要介護５'],
      ['地区', '栄町', '追手町'],
      ['位置', '緯度37.490000・経度139.930000（緯度経度（名簿））', '緯度37.500000・経度139.950000（緯度経度（名簿））'],
      ['移動', '杖・歩行器', '車いす'],
      ['世帯', '一人暮らし', '家族と同居'],
      ['医療', 'インスリン', '在宅酸素・インスリン'],
    ]);
    expect(plan.total.changed).toBe(1);
    expect(plan.byDistrict.get('d2')).toEqual({ added: 0, archived: 0, changed: 1, returned: 0, unchanged: 0 });
  });

  it('gives each plan-relevant change a reason in words with its weight (medical 5 … district 2), none for a phone number', () => {
    const stored = person('A1', { mobility: 'cane_walker', medical: [] });
    const file = person('A1', { mobility: 'wheelchair', medical: ['ventilator'], household: 'elderly_only', communication: ['dementia'], districtId: 'd2', phone: '0242-00-1234' });
    const plan = planPeopleUpdate([stored], [file], choices(), CTX);
    expect(plan.planReasons.get('A1')).toEqual([
      { on: '2027-04-01', updateId: 'upd-2027', field: 'districtId', text: '名簿の更新（2027-04-01）で地区が 栄町 → 追手町 に変わりました', weight: 2 },
      { on: '2027-04-01', updateId: 'upd-2027', field: 'mobility', text: '名簿の更新（2027-04-01）で移動が 杖・歩行器 → 車いす に変わりました', weight: 4 },
      { on: '2027-04-01', updateId: 'upd-2027', field: 'household', text: '名簿の更新（2027-04-01）で世帯が 一人暮らし → 高齢者のみ世帯 に変わりました', weight: 3 },
      { on: '2027-04-01', updateId: 'upd-2027', field: 'medical', text: '名簿の更新（2027-04-01）で医療が （なし） → 人工呼吸器 に変わりました', weight: 5 },
      { on: '2027-04-01', updateId: 'upd-2027', field: 'communication', text: '名簿の更新（2027-04-01）で意思疎通が （なし） → 認知症 に変わりました', weight: 3 },
    ]);
    const phoneOnly = planPeopleUpdate([stored], [person('A1', { phone: '0242-00-1234' })], choices(), CTX);
    expect(phoneOnly.changed).toHaveLength(1);
    expect(phoneOnly.planReasons.size).toBe(0);
  });

  it('the consent form’s 情報提供先 fill only what was never recorded: new people and stored people with none; stored ones are never narrowed', () => {
    const silent = { ...GIVEN, recipients: [] };
    const chosenNone = { ...GIVEN, recipients: [], changed: { by: '山田 花子', at: '2026-05-01T00:00:00.000Z' } };
    const stored = [person('A1', { consent: { ...GIVEN, recipients: ['minsei', 'shobodan'] } }), person('A2', { consent: silent }), person('A3', { consent: chosenNone })];
    const file = [person('A1', { consent: silent }), person('A2', { consent: silent }), person('A3', { consent: silent }), person('N1', { consent: silent })];
    const plan = planPeopleUpdate(stored, file, choices({ formRecipients: ['minsei'] }), CTX);
    const after = new Map(plan.writes.map((p) => [p.id, p.consent.recipients]));
    expect(after.has('A1')).toBe(false); // unchanged: 民生委員・消防団 stay
    expect(after.get('A2')).toEqual(['minsei']);
    expect(after.has('A3')).toBe(false); // none chosen in the app stays none
    expect(after.get('N1')).toEqual(['minsei']);
    // Without the form: nothing is stripped; only the newcomer is written, as the file says.
    expect(planPeopleUpdate(stored, file, choices(), CTX).writes.map((p) => [p.id, p.consent.recipients])).toEqual([['N1', []]]);
  });

  it('words a moved home without coordinates: dropped after a new 住所, or moved by about N m', () => {
    const stored = person('A1', { location: place(139.93, 37.49) });
    const dropped = planPeopleUpdate([stored], [person('A1', { address: '福島県会津若松市門田町5-5', location: null })], choices(), CTX);
    expect(dropped.planReasons.get('A1')!.map((r) => r.text)).toEqual([
      '名簿の更新（2027-04-01）で住所が 福島県会津若松市栄町1-2 → 福島県会津若松市門田町5-5 に変わりました',
      '名簿の更新（2027-04-01）で住所が変わったため、自宅の位置を外しました（位置の確認で置き直してください）',
    ]);
    const moved = planPeopleUpdate([stored], [person('A1', { location: place(139.93, 37.491) })], choices(), CTX);
    expect(moved.planReasons.get('A1')!.map((r) => r.text)).toEqual(['名簿の更新（2027-04-01）で自宅の位置が約111m 動きました']);
  });

  it('keys the reasons of a renumbered person by the new ID', () => {
    const plan = planPeopleUpdate([person('OLD', { name: '星ハル' })], [person('NEW', { name: '星ハル', mobility: 'bedridden' })], choices(), CTX);
    expect([...plan.planReasons.keys()]).toEqual(['NEW']);
    expect(plan.planReasons.get('NEW')?.[0].text).toBe('名簿の更新（2027-04-01）で移動が 杖・歩行器 → 寝たきり に変わりました');
  });

  it('counts per district: new ones by the file’s district name, archived by their stored district', () => {
    const stored = [person('A1', { districtId: 'd1' }), person('A2', { districtId: null })];
    const plan = planPeopleUpdate(stored, [person('A1', { districtId: 'd1' }), person('N1', { districtId: '新町' })], choices(), CTX);
    expect(plan.byDistrict.get('新町')?.added).toBe(1);
    expect(plan.byDistrict.get('')?.archived).toBe(1);
    expect(plan.byDistrict.get('d1')?.unchanged).toBe(1);
  });
});

describe('名簿の更新: applying the same file twice', () => {
  it('the second plan writes nothing, changes nothing, archives nobody', () => {
    const stored: Person[] = [
      person('A1'), person('A2', { location: place(139.93, 37.49, 'manual') }), person('A3'), person('OLD', { name: '星ハル' }),
      person('GONE', { archived: { updateId: 'old', at: '2026-04-01T00:00:00Z', on: '2026-04-01', reason: 'unknown', fileName: 'x.csv' } }),
      person('DEMO', { origin: 'demo' }),
    ];
    const file = [
      person('A1', { mobility: 'wheelchair', medical: ['dialysis'] }),
      person('A2', { address: '会津若松市門田町5-5', location: null }),
      person('NEW', { name: '星ハル', household: 'with_family' }),
      person('GONE'),
      person('N1'),
    ];
    const first = planPeopleUpdate(stored, file, choices(), CTX);
    expect(first.writes.length).toBeGreaterThan(0);
    expect(first.archived.map((a) => a.before.id)).toEqual(['A3']);
    const second = planPeopleUpdate(applyPlan(stored, first), file, choices(), { ...CTX, updateId: 'upd-2', now: '2027-04-02T00:00:00Z', today: '2027-04-02' });
    expect(second.writes).toEqual([]);
    expect(second.changed).toEqual([]);
    expect(second.returned).toEqual([]);
    expect(second.archived).toEqual([]);
    expect(second.added).toEqual([]);
    expect(second.renumbered).toEqual([]);
    expect(second.unchanged).toBe(file.length);
  });
});

describe('名簿の更新: another city’s file', () => {
  const aizu = [person('A1', { address: '福島県会津若松市栄町1-1' }), person('A2', { address: '会津若松市追手町2-2' })];
  it('refuses a file with no ID and no 氏名+生年月日 in common whose 住所 are in another municipality, naming both', () => {
    const file = [person('B1', { address: '青森県青森市新町1-1' }), person('B2', { address: '青森市本町2-2' })];
    const plan = planPeopleUpdate(aizu, file, choices(), CTX);
    expect(plan.refusal).toContain('青森市');
    expect(plan.refusal).toContain('会津若松市');
  });

  it('does not refuse when one ID is in common, when the 住所 name no municipality, or when the store is empty', () => {
    expect(planPeopleUpdate(aizu, [person('A1', { address: '青森市新町1-1' }), person('B2', { address: '青森市本町2-2' })], choices(), CTX).refusal).toBeNull();
    expect(planPeopleUpdate(aizu, [person('B1', { address: '新町1-1' })], choices(), CTX).refusal).toBeNull();
    expect(planPeopleUpdate([], [person('B1', { address: '青森市新町1-1' })], choices(), CTX).refusal).toBeNull();
    expect(planPeopleUpdate(aizu, [person('B1', { address: '会津若松市門田町1-1' })], choices(), CTX).refusal).toBeNull();
  });
});

describe('the municipality a 住所 names', () => {
  it('reads 市, 郡+町村, 東京都の区, and nothing from an address that starts with the town', () => {
    expect(municipalityOf('福島県会津若松市栄町1-1')).toBe('会津若松市');
    expect(municipalityOf('会津若松市 栄町１－１')).toBe('会津若松市');
    expect(municipalityOf('福島県耶麻郡猪苗代町字城南100')).toBe('猪苗代町');
    expect(municipalityOf('耶麻郡猪苗代町城南100')).toBe('猪苗代町');
    expect(municipalityOf('東京都千代田区霞が関1-1')).toBe('千代田区');
    expect(municipalityOf('北海道札幌市中央区北1条西2丁目')).toBe('札幌市');
    expect(municipalityOf('栄町1-1')).toBeNull();
    expect(municipalityOf('')).toBeNull();
    expect(majorityMunicipality(['青森市新町1', '栄町2', '会津若松市栄町1', '青森市本町2'])).toBe('青森市');
    expect(majorityMunicipality(['栄町2'])).toBeNull();
  });
});

describe('名簿の更新: supporters', () => {
  it('match by ID, then by 氏名 + 住所; archive the missing; word role, availability and capacity', () => {
    const stored = [supporter('S1'), supporter('S2'), supporter('OLD', { name: '遠藤　茂', address: '会津若松市栄町3-3' })];
    const file = [
      supporter('S1', { availability: 'night', capacity: 3, role: 'minsei' }),
      supporter('NEW', { name: '遠藤茂', address: '会津若松市栄町３－３' }),
    ];
    const plan = planSupportersUpdate(stored, file, choices(), CTX);
    expect(plan.kind).toBe('supporters');
    expect(plan.changed[0].changes.map((c) => [c.label, c.old, c.new])).toEqual([['役割', '近隣住民', '民生委員'], ['対応可能時間', '昼夜', '夜のみ'], ['支援可能人数', '2人', '3人']]);
    expect(plan.renumbered).toEqual([{ fromId: 'OLD', toId: 'NEW' }]);
    expect(plan.matchedByName).toBe(1);
    expect(plan.archived.map((a) => a.before.id)).toEqual(['S2']);
    expect(plan.planReasons.size).toBe(0);
    const again = planSupportersUpdate(applyPlan(stored, plan), file, choices(), CTX);
    expect(again.writes).toEqual([]);
  });
});

describe('名簿の更新: supporters’ places and namesakes', () => {
  it('a hand-set supporter place is kept without file coordinates; a changed 住所 without coordinates drops it and lists the supporter', () => {
    const hand = place(139.95, 37.5, 'manual');
    const stored = [supporter('S1', { location: hand }), supporter('S2', { address: '会津若松市栄町1-1' })];
    const plan = planSupportersUpdate(stored, [supporter('S1', { location: null }), supporter('S2', { address: '会津若松市門田町2-2', location: null })], choices(), CTX);
    expect(plan.unchanged).toBe(1);
    expect(plan.changed.map((c) => [c.after.id, c.after.location])).toEqual([['S2', null]]);
    expect(plan.locationChecks).toEqual(['S2']);
  });

  it('two stored supporters with the same 氏名 and 住所: the renumbered row is ambiguous and neither is archived', () => {
    const same = { name: '遠藤茂', address: '会津若松市栄町3-3' };
    const plan = planSupportersUpdate([supporter('U1', same), supporter('U2', same)], [supporter('V1', same)], choices(), CTX);
    expect(plan.ambiguous.map((a) => a.candidateIds)).toEqual([['U1', 'U2']]);
    expect(plan.archived).toEqual([]);
    expect(plan.writes).toEqual([]);
  });
});
