import { describe, expect, it } from 'vitest';
import { defaultRosterChoices, planPeopleUpdate, type RosterUpdateChoices } from '../../../src/core/rosterUpdate';
import { CTX, person } from './rosterFixtures';

const choices = (over: Partial<RosterUpdateChoices> = {}): RosterUpdateChoices => ({ ...defaultRosterChoices(), ...over });

describe('名簿の更新: matching the file to the store', () => {
  it('matches by ID: the same person with a new wheelchair is one changed record, nobody added or archived', () => {
    const stored = [person('A1'), person('A2')];
    const file = [person('A1', { mobility: 'wheelchair' }), person('A2')];
    const plan = planPeopleUpdate(stored, file, choices(), CTX);
    expect(plan.changed.map((c) => [c.before.id, c.matchedBy])).toEqual([['A1', 'id']]);
    expect(plan.unchanged).toBe(1);
    expect(plan.added).toEqual([]);
    expect(plan.archived).toEqual([]);
    expect(plan.matchedByName).toBe(0);
  });

  it('matches a renumbered person by 氏名 (spaces and width ignored) + 生年月日 and moves them to the file’s ID', () => {
    const stored = [person('OLD-1', { name: '山田　花子', birthDate: '1940-04-01' })];
    const file = [person('NEW-1', { name: '山田 花子', birthDate: '1940-04-01', phone: '0242-00-9999' })];
    const plan = planPeopleUpdate(stored, file, choices(), CTX);
    expect(plan.matchedByName).toBe(1);
    expect(plan.changed).toHaveLength(1);
    expect(plan.changed[0].matchedBy).toBe('name_birth');
    expect(plan.changed[0].after.id).toBe('NEW-1');
    expect(plan.changed[0].after.createdAt).toBe(stored[0].createdAt);
    expect(plan.renumbered).toEqual([{ fromId: 'OLD-1', toId: 'NEW-1' }]);
    expect(plan.added).toEqual([]);
    expect(plan.archived).toEqual([]);
  });

  it('a different 生年月日 is not the same person: added and archived', () => {
    const stored = [person('OLD-1', { name: '山田花子', birthDate: '1940-04-01' })];
    const file = [person('NEW-1', { name: '山田花子', birthDate: '1941-04-01' })];
    const plan = planPeopleUpdate(stored, file, choices(), CTX);
    expect(plan.added.map((p) => p.id)).toEqual(['NEW-1']);
    expect(plan.archived.map((a) => a.before.id)).toEqual(['OLD-1']);
  });

  it('narrows two stored namesakes by 住所', () => {
    const stored = [
      person('OLD-1', { name: '佐藤清', birthDate: '1935-01-01', address: '会津若松市栄町1-1' }),
      person('OLD-2', { name: '佐藤清', birthDate: '1935-01-01', address: '会津若松市門田町3-3' }),
    ];
    const file = [person('NEW-2', { name: '佐藤清', birthDate: '1935-01-01', address: '会津若松市門田町３－３' })];
    const plan = planPeopleUpdate(stored, file, choices(), CTX);
    expect(plan.renumbered).toEqual([{ fromId: 'OLD-2', toId: 'NEW-2' }]);
    expect(plan.changed.map((c) => c.changes.map((x) => [x.field, x.old, x.new]))).toEqual([[['id', 'OLD-2', 'NEW-2']]]); // only the ID moved
    expect(plan.writes.find((w) => w.id === 'NEW-2')?.address).toBe('会津若松市門田町３－３');
    expect(plan.archived.map((a) => a.before.id)).toEqual(['OLD-1']);
    const p2 = planPeopleUpdate(stored, [person('NEW-2', { ...file[0], mobility: 'wheelchair' })], choices(), CTX);
    expect(p2.changed[0].matchedBy).toBe('name_birth_address');
  });

  it('still several candidates: ambiguous, the row is not written and the candidates are neither archived nor changed', () => {
    const same = { name: '佐藤清', birthDate: '1935-01-01', address: '会津若松市栄町1-1' };
    const stored = [person('OLD-1', same), person('OLD-2', same), person('OTHER')];
    const file = [person('NEW-1', { ...same, mobility: 'wheelchair' })];
    const plan = planPeopleUpdate(stored, file, choices(), CTX);
    expect(plan.ambiguous).toHaveLength(1);
    expect(plan.ambiguous[0].file.id).toBe('NEW-1');
    expect(plan.ambiguous[0].candidateIds).toEqual(['OLD-1', 'OLD-2']);
    expect(plan.archived.map((a) => a.before.id)).toEqual(['OTHER']);
    expect(plan.writes.map((w) => w.id)).toEqual(['OTHER']);
    expect(plan.added).toEqual([]);
  });

  it('several file rows for one stored person: ambiguous for each row, the stored person untouched', () => {
    const same = { name: '佐藤清', birthDate: '1935-01-01' };
    const stored = [person('OLD-1', same)];
    const file = [person('NEW-1', { ...same, address: '会津若松市栄町1-1' }), person('NEW-2', { ...same, address: '会津若松市栄町9-9' })];
    const plan = planPeopleUpdate(stored, file, choices(), CTX);
    expect(plan.ambiguous.map((a) => [a.file.id, a.candidateIds])).toEqual([['NEW-1', ['OLD-1']], ['NEW-2', ['OLD-1']]]);
    expect(plan.writes).toEqual([]);
    expect(plan.archived).toEqual([]);
    expect(plan.matchedByName).toBe(0);
  });

  it('with 氏名で照合 off, a renumbered person is new and the old record is archived', () => {
    const stored = [person('OLD-1', { name: '山田花子' })];
    const file = [person('NEW-1', { name: '山田花子' })];
    const plan = planPeopleUpdate(stored, file, choices({ matchByName: false }), CTX);
    expect(plan.added.map((p) => p.id)).toEqual(['NEW-1']);
    expect(plan.archived.map((a) => a.before.id)).toEqual(['OLD-1']);
    expect(plan.matchedByName).toBe(0);
    expect(plan.renumbered).toEqual([]);
  });

  it('demo records are not part of the 名簿: never matched, archived or counted', () => {
    const demo = person('DEMO-1', { origin: 'demo', name: '山田花子' });
    const stored = [demo, person('A1')];
    const file = [person('A1'), person('NEW-1', { name: '山田花子' })];
    const plan = planPeopleUpdate(stored, file, choices(), CTX);
    expect(plan.storedOnRoster).toBe(1);
    expect(plan.archived).toEqual([]);
    expect(plan.added.map((p) => p.id)).toEqual(['NEW-1']);
    expect(plan.matchedByName).toBe(0);
    expect(plan.total).toEqual({ added: 1, archived: 0, changed: 0, returned: 0, unchanged: 1 });
  });

  it('an ID the city gave to someone else (氏名 and 生年月日 both differ) is held: the stored person and their plan stay, nothing is written, until the user says it is the same person', () => {
    const stored = [person('A1', { name: '山田　花子', birthDate: '1940-04-01' }), person('A2')];
    const file = [person('A1', { name: '佐藤　一郎', birthDate: '1929-09-09', sex: 'male' }), person('A2')];
    const plan = planPeopleUpdate(stored, file, choices(), CTX);
    expect(plan.ambiguous.map((a) => [a.file.id, a.candidateIds, a.differentPerson])).toEqual([['A1', ['A1'], true]]);
    expect(plan.changed).toEqual([]);
    expect(plan.archived).toEqual([]);
    expect(plan.writes).toEqual([]);
    expect(plan.planReasons.size).toBe(0);
    // A new 氏名 alone (marriage) or a corrected 生年月日 alone is the same person.
    expect(planPeopleUpdate(stored, [person('A1', { name: '佐藤　花子', birthDate: '1940-04-01' }), person('A2')], choices(), CTX).changed.map((c) => c.after.id)).toEqual(['A1']);
    // Confirmed as one person: an ordinary change.
    const confirmed = planPeopleUpdate(stored, file, choices({ sameIdentity: new Set(['A1']) }), CTX);
    expect(confirmed.ambiguous).toEqual([]);
    expect(confirmed.changed[0].changes.map((c) => c.field)).toEqual(['name', 'birthDate', 'sex']);
  });

  it('an archived person’s ID on a newcomer does not bring the archived person (and their plan) back', () => {
    const gone = person('A2', { name: '角田　とめ', birthDate: '1931-02-03', archived: { updateId: 'u0', at: '2026-04-01T00:00:00Z', on: '2026-04-01', reason: 'deceased', fileName: 'x.csv' } });
    const plan = planPeopleUpdate([person('A1'), gone], [person('A1'), person('A2', { name: '新人　花子', birthDate: '1950-05-05' })], choices(), CTX);
    expect(plan.returned).toEqual([]);
    expect(plan.ambiguous.map((a) => [a.file.id, a.differentPerson])).toEqual([['A2', true]]);
    expect(plan.writes).toEqual([]);
  });

  it('another city’s 名簿 that happens to use the same ID numbers is refused, not written over ours', () => {
    const stored = ['R1', 'R2', 'R3'].map((id, i) => person(id, { name: `会津　${i}子`, birthDate: `194${i}-01-01`, address: `福島県会津若松市栄町${i + 1}-1` }));
    const file = ['R1', 'R2', 'R3'].map((id, i) => person(id, { name: `札幌　${i}郎`, birthDate: `195${i}-02-02`, address: `北海道札幌市中央区北${i + 1}条西1丁目` }));
    const plan = planPeopleUpdate(stored, file, choices(), CTX);
    expect(plan.refusal).toMatch(/札幌市/);
    expect(plan.refusal).toMatch(/会津若松市/);
    expect(plan.writes).toEqual([]);
  });

  it('a file that would empty a district of everyone on the 名簿 asks for the number, even when that is less than half', () => {
    const stored = [
      ...['A1', 'A2', 'A3', 'A4', 'A5'].map((id) => person(id, { districtId: 'd1' })),
      ...['B1', 'B2'].map((id) => person(id, { districtId: 'd2' })),
    ];
    const file = ['A1', 'A2', 'A3', 'A4', 'A5'].map((id) => person(id, { districtId: 'd1' }));
    const plan = planPeopleUpdate(stored, file, choices(), CTX);
    expect(plan.archived.length).toBe(2);
    expect(plan.emptiedDistricts).toEqual(['d2']);
    expect(plan.archiveNeedsConfirmation).toBe(true);
    // One person leaving a district of five is an ordinary year.
    const ordinary = planPeopleUpdate(stored, [...file.slice(1), ...stored.slice(5)], choices(), CTX);
    expect(ordinary.emptiedDistricts).toEqual([]);
    expect(ordinary.archiveNeedsConfirmation).toBe(false);
  });

  it('a different 氏名 with no 生年月日 to confirm it is not taken as the same person either', () => {
    const stored = [person('A1', { name: '高畑　キヨ', birthDate: '1939-10-10' })];
    const plan = planPeopleUpdate(stored, [person('A1', { name: '無生　年月', birthDate: null })], choices(), CTX);
    expect(plan.ambiguous.map((a) => [a.file.id, a.differentPerson])).toEqual([['A1', true]]);
    expect(plan.writes).toEqual([]);
    // The same 氏名 without a 生年月日 is the same person (the file just lacks the date).
    expect(planPeopleUpdate(stored, [person('A1', { name: '高畑　キヨ', birthDate: null })], choices(), CTX).changed.map((c) => c.changes.map((x) => x.field))).toEqual([['birthDate']]);
  });

  it('a person listed under a new ID while their old ID names someone else: both rows are held, nobody is duplicated or handed a plan', () => {
    const stored = [person('R008', { name: '白岩　正一', birthDate: '1935-05-05' }), person('A1')];
    const file = [person('R008', { name: '新人　次郎', birthDate: '1990-01-01' }), person('N008', { name: '白岩　正一', birthDate: '1935-05-05' }), person('A1')];
    const plan = planPeopleUpdate(stored, file, choices(), CTX);
    expect(plan.ambiguous.map((a) => [a.file.id, a.candidateIds]).sort()).toEqual([['N008', ['R008']], ['R008', ['R008']]]);
    expect(plan.added).toEqual([]);
    expect(plan.writes).toEqual([]);
  });

  it('one coincidence does not let another city’s file through: fewer than half of its rows are ours', () => {
    const stored = ['R1', 'R2', 'R3', 'R4'].map((id, i) => person(id, { name: `会津　${i}子`, birthDate: `194${i}-01-01`, address: `福島県会津若松市栄町${i + 1}-1` }));
    const file = ['R1', 'R2', 'R3', 'R4'].map((id, i) => person(id, { name: `札幌　${i}郎`, birthDate: i === 0 ? '1940-01-01' : `195${i}-02-02`, address: `北海道札幌市中央区北${i + 1}条西1丁目` }));
    const plan = planPeopleUpdate(stored, file, choices(), CTX);
    expect(plan.refusal).toMatch(/札幌市/);
    // After a merger of municipalities most rows are ours: an update, not a refusal.
    const merged = stored.map((p, i) => ({ ...p, address: `北海道札幌市中央区北${i + 1}条西1丁目` }));
    expect(planPeopleUpdate(stored, merged, choices(), CTX).refusal).toBeNull();
  });

  it('「同じ人です」 does not hold when the file also lists the stored person by name under another ID', () => {
    const stored = [person('R008', { name: '白岩　正一', birthDate: '1935-05-05' }), person('A1')];
    const file = [person('R008', { name: '新人　次郎', birthDate: '1990-01-01' }), person('N008', { name: '白岩　正一', birthDate: '1935-05-05' }), person('A1')];
    const plan = planPeopleUpdate(stored, file, choices({ sameIdentity: new Set(['R008']) }), CTX);
    expect(plan.ambiguous.find((a) => a.file.id === 'R008')).toMatchObject({ differentPerson: true, listedElsewhere: true });
    expect(plan.writes).toEqual([]);
  });

  it('each file row counts once toward 「ours」: a file a quarter ours from another city is refused', () => {
    const stored = Array.from({ length: 8 }, (_, i) => person(`R${i}`, { name: `会津　${i}子`, birthDate: `194${i}-01-01`, address: `福島県会津若松市栄町${i + 1}-1` }));
    const file = [...stored.slice(0, 3), ...Array.from({ length: 5 }, (_, i) => person(`X${i}`, { name: `札幌　${i}郎`, birthDate: `195${i}-02-02`, address: `北海道札幌市中央区北${i + 1}条西1丁目` }))];
    // 3 of 8 rows are ours (by ID and by name — counted once each).
    expect(planPeopleUpdate(stored, [...file, person('X9', { name: '札幌　九郎', birthDate: '1959-02-02', address: '北海道札幌市中央区北9条西1丁目' })], choices(), CTX).refusal).toMatch(/札幌市/);
  });
});
