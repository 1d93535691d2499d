import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { districtKarte, karteSummaryLines } from '../../../src/core/districtKarte';
import { distinctLabels } from '../../../src/core/distinctLabels';
import { loadDemoIfFirstStart } from '../../../src/db/demo';
import { districtKarteFromStore } from '../../../src/db/karte';
import { HinanDatabase } from '../../../src/db/schema';
import { freshName, readDemoBundle } from '../db/demoStore';
import { person, supporter } from './fixtures';

/** 地区カルテ wording (issue 9, defect 6): where shelters were counted, and telling namesakes apart. */
const TODAY = '2025-06-01';
const demo = readDemoBundle();
const opened: HinanDatabase[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await db.delete();
  }
});
async function demoStore() {
  const db = new HinanDatabase(freshName());
  opened.push(db);
  await loadDemoIfFirstStart(db, async () => demo);
  return db;
}
const welfareLine = (lines: string[]) => lines.find((l) => l.startsWith('福祉避難所が必要な人'))!;
const cityWelfare = demo.shelters.filter((s) => s.kinds.includes('welfare_shelter') && !s.closed).length;

describe('福祉避難所 counted inside the district outline, or said to be the city’s', () => {
  it('says 「地区内」 for a district with an outline, counting only the shelters inside it', async () => {
    const db = await demoStore();
    const k = await districtKarteFromStore(db, demo.districts[0].id, TODAY);
    expect(k.welfare.shelterArea).toBe('district');
    expect(k.welfare.shelterCount).toBeLessThan(cityWelfare);
    expect(welfareLine(karteSummaryLines(k))).toContain('地区内の福祉避難所は');
  });

  it('says 「市内」 for a district without an outline (every shelter of the city is counted), and for all districts', async () => {
    const db = await demoStore();
    await db.districts.update(demo.districts[0].id, { outline: null });
    for (const id of [demo.districts[0].id, null]) {
      const k = await districtKarteFromStore(db, id, TODAY);
      expect(k.welfare.shelterCount).toBe(cityWelfare);
      expect(k.welfare.shelterArea).toBe('city');
      const line = welfareLine(karteSummaryLines(k));
      expect(line).toContain(`市内の福祉避難所は${cityWelfare}か所`);
      expect(line).not.toContain('地区内');
    }
  });
});

describe('namesakes in karte lists', () => {
  it('labels a name with the address when another has the same name, and with the ID when the address is the same too', () => {
    const labels = distinctLabels([
      { id: 'P1', name: '佐藤 花子', address: '栄町1-1' },
      { id: 'P2', name: '佐藤 花子', address: '栄町2-2' },
      { id: 'P3', name: '佐藤 花子', address: '栄町2-2' },
      { id: 'P4', name: '鈴木 一郎', address: '栄町3-3' },
    ]);
    expect([...labels.values()]).toEqual(['佐藤 花子（栄町1-1）', '佐藤 花子（栄町2-2・P2）', '佐藤 花子（栄町2-2・P3）', '鈴木 一郎']);
  });

  it('tells namesakes apart in "whose plan next" and among overloaded supporters', () => {
    const twins = [person({ id: 'P1', name: '佐藤 花子', address: '栄町1-1' }), person({ id: 'P2', name: '佐藤 花子', address: '栄町2-2' }), person({ id: 'P3', name: '鈴木 一郎' })];
    const helpers = [supporter({ id: 'S1', name: '若松 太郎', address: '本町1', capacity: 0 }), supporter({ id: 'S2', name: '若松 太郎', address: '本町2', capacity: 0 })];
    const k = districtKarte({
      districtId: 'd1', today: TODAY, shownPeople: twins, allPeopleCount: 3, supporters: helpers, plans: [], shelters: [],
      supporterAssignments: [{ personId: 'P1', supporterId: 'S1' }, { personId: 'P2', supporterId: 'S2' }],
    });
    expect(k.nextPlans.map((n) => n.label).sort()).toEqual(['佐藤 花子（栄町1-1）', '佐藤 花子（栄町2-2）', '鈴木 一郎']);
    expect(k.overloadedSupporters.map((s) => s.label).sort()).toEqual(['若松 太郎（本町1）', '若松 太郎（本町2）']);
  });
});
