import { describe, expect, it } from 'vitest';
import { HAZARD_TYPES } from '../../../src/core/hazard';
import { answersFromPlan, interviewItems, interviewSections, type InterviewItem } from '../../../src/core/interviewSheet';
import { emptyPlan, type Plan } from '../../../src/core/plan';
import type { Shelter } from '../../../src/core/shelter';
import type { Supporter } from '../../../src/core/supporter';
import {
  CONTINUED,
  answerText,
  consentRecordLine,
  cutText,
  isConsentKey,
  isTicked,
  itemSpan,
  printRoom,
  printedDestination,
  printedOptions,
  printedSupporters,
  rosterRows,
  sketchDestination,
} from '../../../src/ui/paper/interviewSheetModel';
import { person } from '../core/rosterFixtures';

const shelter = (id: string, name: string): Shelter => ({
  id,
  name,
  address: `会津若松市${name}1-1`,
  kinds: ['shelter'],
  hazards: ['flood', 'earthquake'],
  capacity: null,
  accepts: [],
  location: [139.93, 37.5],
  closed: false,
  notes: '',
  source: { file: 'test.csv', row: 1 },
});
const supporter = (id: string, name: string): Supporter => ({
  id,
  name,
  role: 'neighbor',
  address: `会津若松市栄町${id}`,
  phone: '0242-11-2222',
  availability: 'day_and_night',
  capacity: 1,
  districtId: 'd1',
  location: null,
  origin: 'user',
  createdAt: '2026-04-01T00:00:00.000Z',
  updatedAt: '2026-04-01T00:00:00.000Z',
});
const sheltersById = new Map([shelter('s1', '一箕小学校'), shelter('s2', '松長公園')].map((s) => [s.id, s]));
const supportersById = new Map([supporter('u1', '佐藤 一郎'), supporter('u2', '鈴木 花子'), supporter('u3', '高橋 三郎')].map((s) => [s.id, s]));
const plan = (over: Partial<Plan> = {}): Plan => ({ ...emptyPlan('p1', '2026-04-01'), ...over });
/** Width in full-width characters, half-width ASCII counting half (as the sheet measures). */
const width = (s: string) => [...s].reduce((w, c) => w + (/[\u0020-\u007e]/.test(c) ? 0.5 : 1), 0);

describe('texts cut to the room on paper', () => {
  it('keeps a short text, cuts a long one with 「…（続きは計画書）」, and counts half-width digits as half', () => {
    expect(cutText('  お薬手帳 ', 10)).toBe('お薬手帳');
    expect(cutText('あいうえおかきくけこ', 4)).toBe(`あいうえ${CONTINUED}`);
    expect(cutText('あいうえおかきくけこ', 99, 5)).toBe(`あいうえお${CONTINUED}`);
    expect(cutText('090-1111-2222', 20, 7)).toBe('090-1111-2222'); // 13 half-width characters are 6.5 wide
    expect(cutText('090-1111-2222', 20, 6)).toBe(`090-1111-222${CONTINUED}`);
  });

  it('never prints more of an answer than two lines of its box, for every text item of the sheet, whatever its length', () => {
    const items = interviewItems(interviewSections(HAZARD_TYPES));
    const texts = items.filter((i) => i.kind === 'text' || i.kind === 'longText');
    expect(texts.length).toBeGreaterThan(20);
    const answers = Object.fromEntries(texts.map((i) => [i.key, '長い記入'.repeat(200)]));
    for (const item of texts) {
      const printed = answerText(item, answers);
      expect(printed.endsWith(CONTINUED), item.key).toBe(true);
      expect(width(printed) - width(CONTINUED), item.key).toBeLessThanOrEqual(printRoom(item));
      expect([...printed].length - [...CONTINUED].length, item.key).toBeLessThanOrEqual(item.maxChars ?? Infinity);
    }
    // Phone numbers of the usual length are never cut.
    for (const item of items.filter((i) => i.key.endsWith('.phone'))) expect(answerText(item, { [item.key]: '0242-00-0000' }), item.key).toBe('0242-00-0000');
  });

  it("gives every section's items whole lines of the 12-column grid, two 避難先 to a line only when there are many hazards", () => {
    for (const section of interviewSections(['flood', 'earthquake'])) {
      const spans = section.items.map((i) => itemSpan(i, 2));
      for (const s of spans) expect(s).toBeGreaterThanOrEqual(2);
      expect(spans.every((s) => s <= 12)).toBe(true);
    }
    const dest: InterviewItem = { key: 'destination.flood', no: '7-1', label: '洪水のとき', kind: 'shelter' };
    expect(itemSpan(dest, 2)).toBe(12);
    expect(itemSpan(dest, 8)).toBe(6);
  });
});

describe('what the boxes show', () => {
  const sections = interviewSections(['flood', 'earthquake']);
  const item = (key: string) => interviewItems(sections).find((i) => i.key === key)!;

  it("ticks the plan's answers: aids as a set, the one transport, はい/いいえ for a yes/no", () => {
    const answers = answersFromPlan(plan({ mobilityAids: ['cane', 'hearing_aid'], transport: 'wheelchair', medical: { ...emptyPlan('p1', '2026-04-01').medical, powerDependent: true } }), ['flood', 'earthquake']);
    expect(item('mobilityAids').options!.filter((o) => isTicked(item('mobilityAids'), answers, o.value)).map((o) => o.value)).toEqual(['cane', 'hearing_aid']);
    expect(isTicked(item('transport'), answers, 'wheelchair')).toBe(true);
    expect(isTicked(item('transport'), answers, 'walk')).toBe(false);
    expect(printedOptions(item('powerDependent')).map((o) => o.label)).toEqual(['はい', 'いいえ']);
    expect(isTicked(item('powerDependent'), answers, 'yes')).toBe(true);
    expect(isTicked(item('powerDependent'), answers, 'no')).toBe(false);
  });

  it('leaves the 同意書 for the person to fill in: its items are the consent ones and the confirmation', () => {
    const consentKeys = sections.find((s) => s.no === 11)!.items.map((i) => i.key);
    expect(consentKeys.every(isConsentKey)).toBe(true);
    expect(interviewItems(sections.filter((s) => s.no !== 11)).some((i) => isConsentKey(i.key))).toBe(false);
  });

  it('writes the consent on record in words (代筆 with the name and relation), or that none is recorded', () => {
    expect(consentRecordLine(null)).toBe('まだ記録されていません（未確認）');
    expect(consentRecordLine(plan().consent)).toBe('まだ記録されていません（未確認）');
    const line = consentRecordLine({ status: 'given', date: '2026-04-01', method: 'signature', recipients: ['jishubo', 'minsei'], proxy: { name: '会津 一郎', relation: '長男' } });
    expect(line).toContain('2026年4月1日');
    expect(line).toContain('代筆 会津 一郎（長男）');
    expect(line).toContain('提供先: 自主防災組織、民生委員');
  });
});

describe("destinations and supporters: the plan's own, or a suggestion marked as such", () => {
  it("prints the plan's chosen shelter, else its suggested one, else the engine's, marked suggested; the drawn route only to the same shelter", () => {
    const line: [number, number][] = [[139.9, 37.4], [139.93, 37.5]];
    const p = plan({ destinations: { flood: { shelterId: 's1', chosenBy: 'user', routeNote: '', routeLine: line }, earthquake: { shelterId: 's2', chosenBy: 'suggestion', routeNote: '', routeLine: null } } });
    expect(printedDestination('flood', p, null, sheltersById)).toMatchObject({ name: '一箕小学校', suggested: false, routeLine: line });
    expect(printedDestination('earthquake', p, null, sheltersById)).toMatchObject({ name: '松長公園', suggested: true, routeLine: null });
    expect(printedDestination('tsunami', p, { shelterByHazard: { tsunami: 's2' } }, sheltersById)).toMatchObject({ name: '松長公園', suggested: true });
    expect(printedDestination('tsunami', p, null, sheltersById)).toBeNull();
    expect(printedDestination('flood', plan({ destinations: { flood: { shelterId: 'gone', chosenBy: 'user', routeNote: '', routeLine: null } } }), null, sheltersById)).toBeNull();
    // The sketch: the plan's own destination before a suggestion.
    const ds = [printedDestination('earthquake', p, null, sheltersById), printedDestination('flood', p, null, sheltersById)];
    expect(sketchDestination(ds)?.name).toBe('一箕小学校');
    expect(sketchDestination([null, ds[0]])?.name).toBe('松長公園');
  });

  it('fills the two supporter slots with the accepted supporters (names from the app), then suggestions, never the same one twice', () => {
    const p = plan({
      primarySupporter: { supporterId: 'u1', name: '', phone: '', address: '', chosenBy: 'user' },
      backupSupporters: [{ supporterId: 'u2', name: '', phone: '', address: '', chosenBy: 'suggestion' }],
    });
    const [first, second] = printedSupporters(p, { supporterIds: ['u1', 'u3'] }, supportersById);
    expect(first).toEqual({ name: '佐藤 一郎', phone: '0242-11-2222', address: '会津若松市栄町u1', suggested: false });
    expect(second).toMatchObject({ name: '鈴木 花子', suggested: true });
    // Two accepted: no suggestion printed; a written-in supporter keeps the plan's words.
    const both = plan({
      primarySupporter: { supporterId: null, name: '喜多方 三郎', phone: '0241-22-3333', address: '', chosenBy: 'user' },
      backupSupporters: [{ supporterId: 'u2', name: '', phone: '', address: '', chosenBy: 'user' }],
    });
    expect(printedSupporters(both, { supporterIds: ['u3'] }, supportersById).map((s) => s?.name)).toEqual(['喜多方 三郎', '鈴木 花子']);
    expect(printedSupporters(null, null, supportersById)).toEqual([null, null]);
    expect(printedSupporters(null, { supporterIds: ['u3', 'u3'] }, supportersById).map((s) => s?.name ?? null)).toEqual(['高橋 三郎', null]);
    // The slots are numbered as the entry numbers them (answersFromPlan): accepted entries in order.
    const answers = answersFromPlan(both, []);
    expect([answers['supporter1.name'], answers['supporter2.id']]).toEqual(['喜多方 三郎', 'u2']);
  });
});

describe('the 名簿 part', () => {
  it("prints the 名簿 items with the age on the sheet's date, and 不明 for no birth date", () => {
    const rows = rosterRows(person('p1', { birthDate: '1946-05-01', sex: 'female', medical: ['home_oxygen'], communication: [] }), '2026-11-30', '一箕町松長地区');
    const byLabel = new Map(rows.map((r) => [r.label, r]));
    expect(byLabel.get('生年月日')!.value).toContain('80歳');
    expect(byLabel.get('生年月日')!.pair).toEqual({ label: '性別', value: '女' });
    expect(byLabel.get('電話')!.pair).toEqual({ label: '地区', value: '一箕町松長地区' });
    expect(byLabel.get('医療')!.pair).toEqual({ label: '意思疎通', value: 'なし' });
    expect(rows.map((r) => r.label)).toEqual(['氏名', '生年月日', '住所', '電話', '支援が必要な事由', '移動', '医療']);
    expect(rosterRows(person('p2', { birthDate: null }), '2026-11-30', '')[1].value).toBe('不明');
  });
});
