import { describe, expect, it } from 'vitest';
import { validateConsent } from '../../../src/core/consent';
import { confirmPlan, planContentChanged, validatePlan, type Plan } from '../../../src/core/plan';
import {
  answersFromPlan,
  applyInterviewAnswers,
  changedAnswerKeys,
  interviewItems,
  interviewSections,
  parseSheetCode,
  personHash,
  sheetCode,
  sheetHazards,
  type InterviewAnswers,
} from '../../../src/core/interviewSheet';
import { validateBackupRow } from '../../../src/io/backup/recordValidators';
import { completePlan, supporter } from '../plan/fixtures';

const hazards = sheetHazards(null, null);
const sections = interviewSections(hazards);
const items = interviewItems(sections);
const supportersById = new Map([
  ['s1', supporter()],
  ['s2', supporter({ id: 's2', name: '大町 次郎', phone: '0242-00-0003', address: '会津若松市大町2-2' })],
]);
const visit = '2026-11-29';
const apply = (plan: Plan, a: InterviewAnswers) => applyInterviewAnswers(plan, a, hazards, visit, supportersById);

describe('the sheet in paper order', () => {
  it('numbers sections 1… and items <section>-1… in order, keys unique, at most 9 options (keys 1–9)', () => {
    expect(sections.map((s) => s.no)).toEqual(sections.map((_, i) => i + 1));
    for (const s of sections) expect(s.items.map((i) => i.no)).toEqual(s.items.map((_, n) => `${s.no}-${n + 1}`));
    expect(new Set(items.map((i) => i.key)).size).toBe(items.length);
    for (const i of items) if (i.options) expect(i.options.length).toBeLessThanOrEqual(9);
    for (const i of items) expect(i.kind === 'choice' || i.kind === 'checks').toBe(!!i.options);
  });
  it('asks 洪水 and 地震 always and the hazards the plan itself decided — never the suggestion, so every print of a version has the same lines', () => {
    expect(hazards).toEqual(['flood', 'earthquake']);
    const withTsunami = completePlan({ destinations: { tsunami: { shelterId: 'x', chosenBy: 'user', routeNote: '', routeLine: null } } });
    expect(sheetHazards(withTsunami, { shelterByHazard: { landslide: 'y' } })).toEqual(['flood', 'earthquake', 'tsunami']);
    // The same plan, printed with the editor's suggestions for all 8 hazards or with まとめて印刷's one: the same lines.
    expect(sheetHazards(withTsunami, null)).toEqual(sheetHazards(withTsunami, { shelterByHazard: { landslide: 'y', volcano: 'z' } }));
    // A suggested destination the editor filled in (chosenBy 'suggestion') is not the plan's: no line; a written route is.
    const suggestedOnly = completePlan({ destinations: { landslide: { shelterId: 'y', chosenBy: 'suggestion', routeNote: '', routeLine: null }, volcano: { shelterId: '', chosenBy: 'user', routeNote: '北へ', routeLine: null } } });
    expect(sheetHazards(suggestedOnly, null)).toEqual(['flood', 'earthquake', 'volcano']);
    expect(sheetHazards(null, { shelterByHazard: { landslide: 'y' } })).toEqual(['flood', 'earthquake']);
    const keys = interviewItems(interviewSections(['flood', 'landslide', 'earthquake'])).map((i) => i.key);
    expect(keys.filter((k) => k.startsWith('destination.'))).toEqual(['destination.flood', 'destination.landslide', 'destination.earthquake']);
  });
});

describe('answersFromPlan', () => {
  it('gives blanks for a person without a plan', () => {
    const a = answersFromPlan(null, hazards);
    for (const i of items) expect(a[i.key] ?? null, i.key).toSatisfy((v: unknown) => v === null || v === '' || v === false || (Array.isArray(v) && v.length === 0));
  });
  it('gives a linked supporter the name, phone and address of their record', () => {
    const a = answersFromPlan(completePlan(), hazards, supportersById);
    expect([a['supporter1.name'], a['supporter1.phone'], a['supporter1.address']]).toEqual(['若松 太郎', '0242-00-0002', '会津若松市栄町1-2']);
  });
  it('never prints 「確認した」 ticked: the box is ticked at the visit', () => {
    const plan = confirmPlan(completePlan(), '2026-01-10');
    expect(answersFromPlan(plan, hazards).confirmed).toBe(false);
  });
});

/** A plan with most fields filled, confirmed. */
const richPlan = (): Plan =>
  confirmPlan(
    completePlan({
      backupSupporters: [
        { supporterId: null, name: '近所 三郎', phone: '0242-11-1111', address: '栄町3', chosenBy: 'user' },
        { supporterId: 's2', name: '', phone: '', address: '', chosenBy: 'user' },
      ],
      destinations: {
        flood: { shelterId: 'sh1', chosenBy: 'user', routeNote: '県道を北へ', routeLine: [[139.93, 37.49], [139.94, 37.5]] },
        earthquake: { shelterId: '', chosenBy: 'user', routeNote: '公園まで', routeLine: [[139.93, 37.49], [139.935, 37.495]] },
        tsunami: { shelterId: 'sh9', chosenBy: 'user', routeNote: '', routeLine: null },
      },
      alternativeDestination: { kind: 'relatives', name: '長男宅', address: '郡山市1-1', phone: '024-000-0000' },
      emergencyContacts: [
        { name: '会津 一郎', relation: '長男', phone: '090-0000-0001' },
        { name: '会津 次子', relation: '長女', phone: '090-0000-0002' },
        { name: 'ケアマネ 山田', relation: 'ケアマネジャー', phone: '0242-22-2222' },
      ],
      dwelling: { floor: 2, bedroom: '2階 北側', daytimeLocation: 'デイサービス（月・木）' },
      mobilityAids: ['wheelchair', 'hearing_aid'],
      mobilityNotes: '段差は2人で持ち上げる',
      medical: { careNotes: '在宅酸素', mustBring: '酸素ボンベ', powerDependent: true, batteryHours: 8, powerAvailableAt: '市民病院', careProviderContact: '主治医 佐藤 0242-33-3333' },
      communicationNotes: '耳が遠い。筆談',
      leaveWhen: '台風の前日の昼',
      transport: 'wheelchair',
      whatToBring: '眼鏡・入れ歯',
      supporterNotes: '犬がいます',
      consent: { status: 'given', date: '2025-05-01', method: 'signature', recipients: ['jishubo', 'minsei'], proxy: { name: '会津 一郎', relation: '長男' } },
    }),
    '2025-05-01',
  );

describe('applyInterviewAnswers', () => {
  it('changes nothing when the answers are the plan’s own (every field, kept supporters, contacts and routes beyond the sheet)', () => {
    for (const plan of [completePlan(), richPlan(), completePlan({ primarySupporter: { supporterId: 's1', name: '', phone: '', address: '', chosenBy: 'suggestion' } })]) {
      const back = apply(plan, answersFromPlan(plan, hazards, supportersById));
      expect(planContentChanged(plan, back)).toBe(false);
      expect(back.primarySupporter).toEqual(plan.primarySupporter);
      expect(back.backupSupporters).toEqual(plan.backupSupporters);
      expect(back.destinations).toEqual(plan.destinations);
      expect(back.consent).toEqual(plan.consent);
      expect([back.status, back.confirmedOn, back.reviewDue]).toEqual(plan.status === 'not_started' ? ['in_progress', null, plan.reviewDue] : [plan.status, plan.confirmedOn, plan.reviewDue]);
    }
  });

  it('writes every answer into the plan', () => {
    const plan = completePlan({ primarySupporter: null, destinations: {}, consent: { status: 'pending', date: null, method: 'unknown', recipients: [] }, status: 'not_started' });
    const a: InterviewAnswers = {
      ...answersFromPlan(plan, hazards, supportersById),
      floor: 3,
      bedroom: '3階 南',
      mobilityAids: ['cane', 'walker'],
      powerDependent: true,
      batteryHours: 6,
      leaveWhen: '警戒レベル4 避難指示',
      transport: 'vehicle',
      'destination.flood': 'sh1',
      'alternative.name': '姪の家',
      'supporter1.name': '若松 太郎',
      'supporter2.name': '手書き 花子',
      'supporter2.phone': '0242-44-4444',
      'contact1.name': '会津 一郎',
      'contact1.relation': '長男',
      'contact1.phone': '090-0000-0001',
      'consent.agreed': 'given',
      'consent.recipients': ['minsei', 'jishubo'],
      'consent.date': '2026-11-28',
      'consent.signedBy': 'proxy',
      'consent.proxyName': '会津 一郎',
      'consent.proxyRelation': '長男',
      confirmed: true,
    };
    const next = apply(plan, a);
    expect(next.dwelling).toEqual({ floor: 3, bedroom: '3階 南', daytimeLocation: '' });
    expect(next.mobilityAids).toEqual(['cane', 'walker']);
    expect(next.medical.batteryHours).toBe(6);
    expect([next.leaveWhen, next.transport]).toEqual(['警戒レベル4 避難指示', 'vehicle']);
    expect(next.destinations.flood).toEqual({ shelterId: 'sh1', chosenBy: 'user', routeNote: '', routeLine: null });
    expect(next.alternativeDestination).toEqual({ kind: 'other', name: '姪の家', address: '', phone: '' });
    // The name of a supporter in the app links that supporter; another name is written as is.
    expect(next.primarySupporter).toEqual({ supporterId: 's1', name: '', phone: '', address: '', chosenBy: 'user' });
    expect(next.backupSupporters).toEqual([{ supporterId: null, name: '手書き 花子', phone: '0242-44-4444', address: '', chosenBy: 'user' }]);
    expect(next.emergencyContacts).toEqual([{ name: '会津 一郎', relation: '長男', phone: '090-0000-0001' }]);
    expect(next.consent).toEqual({ status: 'given', date: '2026-11-28', method: 'signature', recipients: ['jishubo', 'minsei'], proxy: { name: '会津 一郎', relation: '長男' } });
    expect([next.status, next.confirmedOn, next.reviewDue]).toEqual(['confirmed', visit, '2027-11-29']);
    expect(validatePlan(next)).toEqual([]);
  });

  it('a refusal clears the recipients and takes the plan out of 本人確認済', () => {
    const next = apply(richPlan(), { ...answersFromPlan(richPlan(), hazards, supportersById), 'consent.agreed': 'refused', 'consent.date': null, 'consent.signedBy': 'self' });
    expect(next.consent).toEqual({ status: 'refused', date: visit, method: 'signature', recipients: [] });
    expect([next.status, next.confirmedOn]).toEqual(['in_progress', null]);
  });

  it('a changed confirmed plan goes back to 作成中 unless 確認した is ticked (then confirmed on the visit)', () => {
    const plan = richPlan();
    const a = { ...answersFromPlan(plan, hazards, supportersById), whatToBring: '眼鏡' };
    expect([apply(plan, a).status, apply(plan, a).confirmedOn]).toEqual(['in_progress', null]);
    const ticked = apply(plan, { ...a, confirmed: true });
    expect([ticked.status, ticked.confirmedOn]).toEqual(['confirmed', visit]);
    // Unchanged and ticked again: the earlier confirmation stands.
    expect(apply(plan, { ...answersFromPlan(plan, hazards, supportersById), confirmed: true }).confirmedOn).toBe('2025-05-01');
  });

  it('a blank destination drops the chosen shelter but keeps a drawn route without a shelter', () => {
    const plan = richPlan();
    const next = apply(plan, { ...answersFromPlan(plan, hazards, supportersById), 'destination.flood': '' });
    expect(next.destinations.flood).toBeUndefined();
    expect(next.destinations.earthquake).toEqual(plan.destinations.earthquake);
    expect(next.destinations.tsunami).toEqual(plan.destinations.tsunami); // not asked on this sheet
  });

  it('keeps the third and later supporters and contacts the sheet has no room for', () => {
    const plan = richPlan();
    const a = { ...answersFromPlan(plan, hazards, supportersById), 'supporter1.name': '新しい 人', 'supporter1.phone': '', 'supporter1.address': '' };
    const next = apply(plan, a);
    expect(next.primarySupporter).toEqual({ supporterId: null, name: '新しい 人', phone: '', address: '', chosenBy: 'user' });
    expect(next.backupSupporters.map((s) => s.name || s.supporterId)).toEqual(['近所 三郎', 's2']);
    expect(next.emergencyContacts).toHaveLength(3);
  });

  it('a changed phone of a linked supporter is written over the record; the link stays', () => {
    const plan = completePlan();
    const next = apply(plan, { ...answersFromPlan(plan, hazards, supportersById), 'supporter1.phone': '090-9999-9999' });
    expect(next.primarySupporter).toEqual({ supporterId: 's1', name: '', phone: '090-9999-9999', address: '', chosenBy: 'user' });
  });
});

describe('changedAnswerKeys', () => {
  it('names the items whose answers differ (lists as sets, text trimmed)', () => {
    const a = answersFromPlan(richPlan(), hazards, supportersById);
    const b = { ...a, mobilityAids: ['hearing_aid', 'wheelchair'], bedroom: ' 2階 北側 ', floor: 1, 'consent.recipients': ['minsei'] };
    expect(changedAnswerKeys(items, a, b)).toEqual(['floor', 'consent.recipients']);
  });
});

describe('sheet code', () => {
  it('is the person hash, the date as YYMMDD and the plan version, and reads back', () => {
    const code = sheetCode('person-0001', '2026-11-29', 3);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{7}-261129-3$/);
    expect(parseSheetCode(code)).toEqual({ personHash: personHash('person-0001'), date: '2026-11-29', planVersion: 3 });
  });
  it('forgives full-width, lower case, spaces, long dashes and O/I/L', () => {
    const code = sheetCode('p1', '2026-01-05', 12);
    const typed = code.toLowerCase().replace(/-/g, 'ー').replace(/0/g, 'o').replace(/1/g, 'l');
    expect(parseSheetCode(` ${typed.normalize('NFKC')} `)).toEqual(parseSheetCode(code));
    expect(parseSheetCode(code.replace(/-/g, ' ').replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)))).toEqual(parseSheetCode(code));
    expect(parseSheetCode(code.replace(/-/g, ''))).toEqual(parseSheetCode(code));
  });
  it('is null for what is not a code or not a real date', () => {
    for (const bad of ['', '山田', 'ABCDEFG-261332-1', 'ABCDEF-261129-1', 'ABCDEFG-261129-', 'ABCDEFGH-261129-1']) expect(parseSheetCode(bad), bad).toBeNull();
  });
  it('differs between people (no collision among 5000 ids)', () => {
    const hashes = new Set(Array.from({ length: 5000 }, (_, i) => personHash(`person-${i}`)));
    expect(hashes.size).toBe(5000);
  });
});

describe('代筆 (consent.proxy)', () => {
  const signed = { status: 'given' as const, date: '2025-05-01', method: 'signature' as const, recipients: ['jishubo' as const] };
  it('is accepted with a name, and refused blank, too long or without a signature', () => {
    expect(validateConsent({ ...signed, proxy: { name: '会津 一郎', relation: '長男' } })).toEqual([]);
    expect(validateConsent({ ...signed, proxy: { name: '会津 一郎', relation: '' } })).toEqual([]);
    expect(validateConsent({ ...signed, proxy: { name: ' ', relation: '長男' } }).map((e) => e.field)).toEqual(['consent.proxy.name']);
    expect(validateConsent({ ...signed, proxy: { name: 'x'.repeat(101), relation: '' } }).map((e) => e.field)).toEqual(['consent.proxy.name']);
    expect(validateConsent({ ...signed, method: 'verbal', proxy: { name: '会津 一郎', relation: '長男' } }).map((e) => e.field)).toEqual(['consent.proxy']);
    expect(validateConsent({ ...signed, ...JSON.parse('{"proxy":null}') }).map((e) => e.field)).toContain('consent.proxy.name');
  });
  it('passes the backup validators of plans, versions and drafts', () => {
    const plan = richPlan();
    expect(validateBackupRow('plans', plan)).toEqual([]);
    expect(validateBackupRow('planDrafts', { personId: 'p1', plan, baseVersion: 1, writtenAt: '2026-11-29T00:00:00.000Z' })).toEqual([]);
    const bad = { ...plan, consent: { ...plan.consent, proxy: { name: '', relation: '' } } };
    expect(validateBackupRow('plans', bad).map((e) => e.field)).toEqual(['consent.proxy.name']);
  });
});
