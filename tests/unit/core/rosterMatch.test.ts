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
});
