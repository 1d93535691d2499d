/**
 * A 名簿 without an ID column (issue 11): each person's ID is derived from 氏名 and 生年月日, the same
 * from every such file; a 名簿 update pairs them with the store by 氏名+生年月日 and keeps the stored
 * (city's) IDs, so plans stay where they are.
 */
import { describe, expect, it } from 'vitest';
import { isDerivedPersonId } from '../../../src/core/derivedPersonId';
import { defaultRosterChoices, planPeopleUpdate } from '../../../src/core/rosterUpdate';
import { readPeopleFile } from '../../../src/io/peopleCsv';
import { CTX } from '../core/rosterFixtures';

const NOW = '2027-04-01T00:00:00.000Z';
const HEADER = '氏名,フリガナ,生年月日,性別,住所,電話番号,避難支援等を必要とする事由,移動,世帯,医療,同意,地区,緯度,経度';
const row = (name: string, birth: string, mobility = '杖・歩行器') => `${name},ヤマダ,${birth},女,福島県会津若松市栄町1-1,0242-00-0000,要介護３,${mobility},一人暮らし,,同意（R7.4.1）,栄町,37.49,139.93`;
const read = (lines: string[]) => readPeopleFile([HEADER, ...lines].join('\r\n'), '名簿_IDなし.csv', { now: NOW });

describe('a 名簿 without an ID column', () => {
  it('reads every row with an ID made of 氏名 and 生年月日, the same from one file to the next', () => {
    const first = read([row('山田　ハナ', '1940-04-01'), row('山田　タロウ', '1938-01-02')]);
    expect(first.errors).toEqual([]);
    expect(first.records.every((p) => isDerivedPersonId(p.id))).toBe(true);
    // Another file, the name spaced differently and the date in 和暦: the same person, the same ID.
    const again = read([row('山田 ハナ', 'S15.4.1')]);
    expect(again.records[0].id).toBe(first.records[0].id);
    expect(first.records[1].id).not.toBe(first.records[0].id);
  });

  it('names the rows it cannot tell apart and the rows without 生年月日, in Japanese', () => {
    const r = read([row('山田　ハナ', '1940-04-01'), row('山田　ハナ', '1940-04-01'), row('佐藤　キヨ', '')]);
    expect(r.errors.map((e) => [e.row, e.message]).sort((a, b) => (a[0] as number) - (b[0] as number))).toEqual([
      [2, expect.stringContaining('氏名と生年月日が1行目と同じです')],
      [3, expect.stringContaining('IDの列がないため、氏名と生年月日で人を見分けます。生年月日を入れてください')],
    ]);
  });

  it('an update from such a file pairs people with the store by 氏名+生年月日 and keeps the stored IDs', () => {
    const file = read([row('山田　ハナ', '1940-04-01', '車いす'), row('山田　タロウ', '1938-01-02')]).records;
    // The store holds the same two people under the city's IDs, from last year's file with IDs.
    const stored = file.map((p, i) => ({ ...p, id: `C-00${i + 1}`, mobility: i === 0 ? ('cane_walker' as const) : p.mobility }));
    const plan = planPeopleUpdate(stored, file, defaultRosterChoices(), CTX);
    expect(plan.matchedByName).toBe(2);
    expect(plan.renumbered).toEqual([]);
    expect(plan.archived).toEqual([]);
    expect(plan.added).toEqual([]);
    expect(plan.writes.map((p) => p.id).sort()).toEqual(['C-001']);
    expect(plan.changed[0].changes.map((c) => c.field)).toEqual(['mobility']);
    // Applying and planning again: nothing more to do.
    const after = stored.map((p) => plan.writes.find((w) => w.id === p.id) ?? p);
    const second = planPeopleUpdate(after, file, defaultRosterChoices(), CTX);
    expect(second.writes).toEqual([]);
  });
});
