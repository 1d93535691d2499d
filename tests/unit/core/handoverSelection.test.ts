import { describe, expect, it } from 'vitest';
import type { Consent } from '../../../src/core/consent';
import type { District } from '../../../src/core/district';
import { handoverRecipientLabel, handoverRoleLabel, selectHandover, type HandoverSource } from '../../../src/core/handoverSelection';
import type { Plan } from '../../../src/core/plan';
import { makeShelter } from '../engine/fixtures';
import { completePlan, person, supporter } from '../plan/fixtures';

const consent = (recipients: Consent['recipients'], status: Consent['status'] = 'given'): Consent => ({ status, date: '2024-04-01', method: 'signature', recipients });
const districts = new Map<string, District>([
  ['d1', { id: 'd1', name: '一箕町松長地区', outline: null, color: '#000', origin: 'user' }],
  ['d2', { id: 'd2', name: '中央・大町地区', outline: null, color: '#000', origin: 'user' }],
]);
const shelters = new Map([
  ['sh1', makeShelter('sh1', [139.93, 37.5], { name: '松長小学校' })],
  ['sh2', makeShelter('sh2', [139.94, 37.5], { name: '第二中学校' })],
  ['sh3', makeShelter('sh3', [139.95, 37.5], { name: '使われない避難所' })],
]);
const supporters = new Map([
  ['s1', supporter({ location: { lng: 139.931, lat: 37.491, source: 'manual', at: '2024-04-01T00:00:00Z' } })],
  ['s2', supporter({ id: 's2', name: '大町 次郎' })],
  ['s3', supporter({ id: 's3', name: '関係ない 三郎' })],
]);

const people = [
  person({ id: 'a', districtId: 'd2', consent: consent(['shobodan', 'minsei']) }),
  person({ id: 'b', districtId: 'd1', consent: consent(['shobodan']) }),
  person({ id: 'c', districtId: 'd1', consent: consent(['minsei']) }),
  person({ id: 'e', districtId: 'd1', consent: consent([]) }),
  // Refused and pending people whose (stale) recipients name 消防団: never selected.
  person({ id: 'r', districtId: 'd1', consent: consent(['shobodan'], 'refused') }),
  person({ id: 'q', districtId: 'd1', consent: consent(['shobodan'], 'pending') }),
];
const plan = (personId: string, over: Partial<Plan> = {}) => completePlan({ id: `plan-${personId}`, personId, ...over });

function source(plans: Plan[]): HandoverSource {
  return { people, plans: new Map(plans.map((p) => [p.personId, p])), supporters, shelters, districts };
}

describe('受け渡しファイル: who a recipient may receive', () => {
  it('for a group: exactly the people whose consent names it; refused and pending never', () => {
    const out = selectHandover({ kind: 'group', group: 'shobodan' }, source([]));
    expect(out.people.map((p) => p.id)).toEqual(['a', 'b']);
    expect(out.districts.map((d) => d.id).sort()).toEqual(['d1', 'd2']);
    expect(selectHandover({ kind: 'group', group: 'minsei' }, source([])).people.map((p) => p.id)).toEqual(['a', 'c']);
    expect(selectHandover({ kind: 'group', group: 'police' }, source([])).people).toEqual([]);
  });

  it('for a group: a plan goes along only when its own consent names the group too', () => {
    const plans = [
      plan('a', { consent: consent(['shobodan']) }),
      plan('b', { consent: consent(['minsei']), destinations: { flood: { shelterId: 'sh2', chosenBy: 'user', routeNote: '', routeLine: null } } }),
    ];
    const out = selectHandover({ kind: 'group', group: 'shobodan' }, source(plans));
    expect(out.people.map((p) => p.id)).toEqual(['a', 'b']);
    expect(out.plans.map((p) => p.personId)).toEqual(['a']);
    // Only the shared plan's shelter and supporter; the supporter without their home's location.
    expect(out.shelters.map((s) => s.id)).toEqual(['sh1']);
    expect(out.supporters.map((s) => [s.id, s.name, s.phone, s.location, s.districtId])).toEqual([['s1', '若松 太郎', '0242-00-0002', null, null]]);
  });

  it('for a supporter: the people whose plan names them (primary or backup), with given name-list and plan consent', () => {
    const backup = { supporterId: 's2', name: '', phone: '', address: '', chosenBy: 'user' as const };
    const plans = [
      plan('a'), // s1 primary
      plan('b', { primarySupporter: null, backupSupporters: [{ ...backup, supporterId: 's1' }] }), // s1 backup
      plan('c', { backupSupporters: [backup] }), // s1 primary, s2 backup
      plan('e', { consent: { status: 'pending', date: null, method: 'unknown', recipients: [] } }), // plan not consented
      plan('r'), // name-list consent refused
      plan('q'), // pending
    ];
    const out = selectHandover({ kind: 'supporter', supporterId: 's1' }, source(plans));
    expect(out.people.map((p) => p.id)).toEqual(['a', 'b', 'c']);
    expect(out.plans.map((p) => p.personId)).toEqual(['a', 'b', 'c']);
    expect(out.supporters.map((s) => s.id).sort()).toEqual(['s1', 's2']);
    expect(selectHandover({ kind: 'supporter', supporterId: 's2' }, source(plans)).people.map((p) => p.id)).toEqual(['c']);
    expect(selectHandover({ kind: 'supporter', supporterId: 's3' }, source(plans)).people).toEqual([]);
  });

  it('for a supporter: a suggestion the user has not accepted does not name them', () => {
    const plans = [plan('a', { primarySupporter: { supporterId: 's2', name: '', phone: '', address: '', chosenBy: 'suggestion' } })];
    expect(selectHandover({ kind: 'supporter', supporterId: 's2' }, source(plans)).people).toEqual([]);
  });

  it('labels the recipient for the record (with the receiving member of a group), and the role alone for the file name', () => {
    expect(handoverRecipientLabel({ kind: 'group', group: 'shobodan' }, supporters)).toBe('消防団');
    expect(handoverRecipientLabel({ kind: 'group', group: 'minsei', receiverName: '山田 花子' }, supporters)).toBe('民生委員（山田 花子）');
    expect(handoverRecipientLabel({ kind: 'supporter', supporterId: 's2' }, supporters)).toBe('支援者 大町 次郎');
    expect(handoverRoleLabel({ kind: 'group', group: 'minsei', receiverName: '山田 花子' })).toBe('民生委員');
    expect(handoverRoleLabel({ kind: 'supporter', supporterId: 's2' })).toBe('支援者');
  });

  it('leaves out supporters and destinations a plan only suggests: not in the plan, not in the file', () => {
    const suggested = { supporterId: 's3', name: '', phone: '', address: '', chosenBy: 'suggestion' as const };
    const plans = [
      plan('a', {
        consent: consent(['shobodan']),
        backupSupporters: [suggested, { ...suggested, supporterId: 's2', chosenBy: 'user' }],
        destinations: {
          flood: { shelterId: 'sh1', chosenBy: 'user', routeNote: '', routeLine: null },
          landslide: { shelterId: 'sh3', chosenBy: 'suggestion', routeNote: '', routeLine: null },
        },
      }),
      plan('b', { consent: consent(['shobodan']), primarySupporter: { ...suggested, supporterId: 's1' }, destinations: { flood: { shelterId: 'sh2', chosenBy: 'suggestion', routeNote: '', routeLine: null } } }),
    ];
    for (const recipient of [{ kind: 'group', group: 'shobodan' }, { kind: 'supporter', supporterId: 's1' }] as const) {
      const out = selectHandover(recipient, source(plans));
      expect(out.supporters.map((s) => s.id).sort()).toEqual(['s1', 's2']);
      expect(out.shelters.map((s) => s.id)).toEqual(['sh1']);
      const a = out.plans.find((p) => p.personId === 'a')!;
      expect(a.backupSupporters.map((s) => s.supporterId)).toEqual(['s2']);
      expect(Object.keys(a.destinations)).toEqual(['flood']);
    }
    const b = selectHandover({ kind: 'group', group: 'shobodan' }, source(plans)).plans.find((p) => p.personId === 'b')!;
    expect(b.primarySupporter).toBeNull();
    expect(b.destinations).toEqual({});
    expect(selectHandover({ kind: 'group', group: 'shobodan' }, source([plans[1]])).supporters).toEqual([]);
  });
});
