/**
 * The 安否確認 board's inputs (ui/emergency/boardInputs.ts): what each person's row says about
 * their supporters, destination and 福祉避難所 — the plan as Plan B's rule reads it, and Plan B's
 * answer where it moved them — the board person's sort keys, and the shelters offered for 避難済.
 */
import { describe, expect, it } from 'vitest';
import type { PersonAnalysis } from '../../../src/core/evacuationAnalysis';
import { emptyPlan, type Plan } from '../../../src/core/plan';
import type { ReplannedPerson } from '../../../src/core/replanRule';
import { boardPeople, boardPlan, distanceLabel, isNightInJapan, planBWords, searchKey, shelterChoices, shelterLabels, type BoardPlan, type BoardSources } from '../../../src/ui/emergency/boardInputs';
import { makePerson, makeShelter, makeSupporter } from '../engine/fixtures';

const HOME: [number, number] = [139.95, 37.52];

function analysisOf(personId: string, over: Partial<PersonAnalysis> = {}): PersonAnalysis {
  return {
    personId,
    destination: { shelterId: 'site-near', distanceM: 300, routeM: null, route: null, crossesHazardZones: [] },
    walk: null,
    walkMinutes: 5,
    nearestWelfare: null,
    allocatedWelfare: null,
    hazardsAtHome: [],
    hazard: { hazard: 'flood', state: 'outside' },
    priority: { rank: 'B', hazardPoints: 0, needPoints: 3, reasons: [] },
    supporters: [{ supporterId: 's-engine', distanceM: 100 }],
    ...over,
  };
}

const shelters = [
  makeShelter('site-near', [139.951, 37.52]),
  makeShelter('site-far', [139.97, 37.52]),
  makeShelter('welfare-1', [139.952, 37.52], { kinds: ['welfare_shelter'] }),
  makeShelter('welfare-2', [139.96, 37.52], { kinds: ['welfare_shelter'] }),
  makeShelter('shut', [139.9505, 37.52], { closed: true }),
];
const shelterMap = new Map(shelters.map((s) => [s.id, s]));
const supporters = new Map(['s-engine', 's-plan', 's-new'].map((id) => [id, makeSupporter(id, [139.95, 37.521])]));

function sources(over: Partial<BoardSources> = {}): BoardSources {
  return {
    people: [makePerson('p1', HOME)],
    revealedIds: new Set(),
    analysis: new Map([['p1', analysisOf('p1')]]),
    plans: new Map(),
    supporters,
    replanned: new Map(),
    hazard: 'flood',
    startedAt: '2026-09-01T03:00:00Z', // 12:00 in Japan
    ...over,
  };
}

function planWith(personId: string, edit: (p: Plan) => void): Plan {
  const plan = emptyPlan(personId, '2026-04-01');
  edit(plan);
  return plan;
}

describe('boardPlan', () => {
  it("without a plan: the engine's destination, allocated 福祉避難所 and supporters", () => {
    const src = sources({ analysis: new Map([['p1', analysisOf('p1', { allocatedWelfare: { shelterId: 'welfare-2', distanceM: 900 }, nearestWelfare: { shelterId: 'welfare-1', distanceM: 150 } })]]) });
    expect(boardPlan(makePerson('p1', HOME), src, (id) => shelterMap.get(id))).toEqual({
      supporterIds: ['s-engine'],
      destinationId: 'site-near',
      alternative: null,
      welfareId: 'welfare-2', // the allocation's, as Plan B's rule reads it (not merely the nearest)
      previousDestinationId: null,
      destinationMoved: false,
      previousWelfareId: null,
      previousSupporterIds: [],
      reasons: [],
      destinationChanged: false,
      welfareChanged: false,
      supportersChanged: false,
      noSupporter: false,
    });
  });

  it("the plan's own choices come first; a plan destination that is a 福祉避難所 is the 福祉避難所 too; a pre-filled suggestion is not the plan's", () => {
    const plan = planWith('p1', (p) => {
      p.destinations.flood = { shelterId: 'welfare-1', chosenBy: 'user', routeNote: '', routeLine: null };
      p.primarySupporter = { supporterId: 's-plan', name: '支援者s-plan', phone: '', address: '', chosenBy: 'user' };
    });
    const bp = boardPlan(makePerson('p1', HOME), sources({ plans: new Map([['p1', plan]]) }), (id) => shelterMap.get(id));
    expect(bp).toMatchObject({ supporterIds: ['s-plan'], destinationId: 'welfare-1', welfareId: 'welfare-1' });
    const suggested = planWith('p1', (p) => {
      p.destinations.flood = { shelterId: 'site-far', chosenBy: 'suggestion', routeNote: '', routeLine: null };
      p.primarySupporter = { supporterId: 's-plan', name: '', phone: '', address: '', chosenBy: 'suggestion' };
    });
    expect(boardPlan(makePerson('p1', HOME), sources({ plans: new Map([['p1', suggested]]) }), (id) => shelterMap.get(id))).toMatchObject({ supporterIds: ['s-engine'], destinationId: 'site-near' });
  });

  it("Plan B's answer replaces what it changed and keeps the rest", () => {
    const replanned: ReplannedPerson = {
      personId: 'p1',
      reasons: ['welfare_closed', 'supporter_absent'],
      destination: { kind: 'shelter', shelterId: 'site-near', distanceM: 300 },
      previousShelterId: 'site-near',
      destinationChanged: false,
      welfare: { shelterId: 'welfare-2', distanceM: 900 },
      previousWelfareId: 'welfare-1',
      welfareChanged: true,
      supporters: [],
      supportersChanged: true,
      noSupporter: true,
    };
    const src = sources({ analysis: new Map([['p1', analysisOf('p1', { allocatedWelfare: { shelterId: 'welfare-1', distanceM: 150 } })]]), replanned: new Map([['p1', replanned]]) });
    expect(boardPlan(makePerson('p1', HOME), src)).toEqual({
      supporterIds: [],
      destinationId: 'site-near',
      alternative: null,
      welfareId: 'welfare-2',
      previousDestinationId: null,
      destinationMoved: false,
      previousWelfareId: 'welfare-1',
      previousSupporterIds: ['s-engine'], // whom the person had before: the words say who was taken off
      reasons: ['welfare_closed', 'supporter_absent'],
      destinationChanged: true, // a new 福祉避難所 is a new 避難先 on the board
      welfareChanged: true,
      supportersChanged: true,
      noSupporter: true,
    });
    const toRelatives: ReplannedPerson = { ...replanned, reasons: ['shelter_closed'], destination: { kind: 'alternative', name: '長男宅', address: '会津若松市1-1', phone: '0242-00-0000' }, destinationChanged: true, welfareChanged: false, supportersChanged: false, noSupporter: false, supporters: [{ supporterId: 's-engine', distanceM: 100 }] };
    expect(boardPlan(makePerson('p1', HOME), sources({ replanned: new Map([['p1', toRelatives]]) }))).toMatchObject({
      destinationId: null,
      alternative: { name: '長男宅', address: '会津若松市1-1', phone: '0242-00-0000' },
      previousDestinationId: 'site-near',
      destinationMoved: true,
      destinationChanged: true,
      supporterIds: ['s-engine'],
      previousSupporterIds: [],
    });
  });
});

describe('boardPeople', () => {
  it('carries rank, hazard at home, living alone, revealed and Plan B marks; rank C while the engine has not answered', () => {
    const alone = makePerson('p2', HOME, { household: 'alone' });
    const src = sources({
      people: [makePerson('p1', HOME), alone],
      revealedIds: new Set(['p2']),
      analysis: new Map([['p1', analysisOf('p1', { priority: { rank: 'A', hazardPoints: 1, needPoints: 3, reasons: [] }, hazard: { hazard: 'flood', state: 'inside', zones: [] } })]]),
    });
    const { people, plans } = boardPeople(src, shelterMap);
    expect(people.map((p) => [p.id, p.priorityRank, p.hazardAtHome, p.livesAlone, p.revealed, p.destinationChanged, p.noSupporter, p.replanned])).toEqual([
      ['p1', 'A', true, false, false, false, false, false],
      ['p2', 'C', false, true, true, false, false, false],
    ]);
    expect(plans.get('p2')?.supporterIds).toEqual([]);
  });

  it('a person Plan B only gave another supporter is `replanned` (first on the board) but neither 避難先変更 nor 支援者なし', () => {
    const swapped: ReplannedPerson = {
      personId: 'p1',
      reasons: ['supporter_absent'],
      destination: { kind: 'shelter', shelterId: 'site-near', distanceM: 300 },
      previousShelterId: 'site-near',
      destinationChanged: false,
      welfare: null,
      previousWelfareId: null,
      welfareChanged: false,
      supporters: [{ supporterId: 's-new', distanceM: 200 }],
      supportersChanged: true,
      noSupporter: false,
    };
    const { people, plans } = boardPeople(sources({ replanned: new Map([['p1', swapped]]) }), shelterMap);
    expect(people[0]).toMatchObject({ replanned: true, destinationChanged: false, noSupporter: false, supporterIds: ['s-new'] });
    expect(plans.get('p1')).toMatchObject({ supportersChanged: true, destinationId: 'site-near', reasons: ['supporter_absent'] });
  });

  it('at night, people whose supporters help only by day are marked `night`', () => {
    const dayOnly = new Map([...supporters, ['s-day', makeSupporter('s-day', [139.95, 37.521], 2, 'day')]]);
    const src = (startedAt: string) =>
      sources({ startedAt, supporters: dayOnly, people: [makePerson('p1', HOME), makePerson('p2', HOME)], analysis: new Map([['p1', analysisOf('p1', { supporters: [{ supporterId: 's-day', distanceM: 50 }] })], ['p2', analysisOf('p2')]]) });
    expect(boardPeople(src('2026-09-01T12:00:00Z'), shelterMap).people.map((p) => p.night)).toEqual([true, false]); // 21:00 in Japan
    expect(boardPeople(src('2026-09-01T03:00:00Z'), shelterMap).people.map((p) => p.night)).toEqual([false, false]); // 12:00
  });
});

describe('isNightInJapan', () => {
  it('is 18:00–5:59 Japan time, whatever the machine', () => {
    expect(isNightInJapan('2026-09-01T08:59:59Z')).toBe(false); // 17:59
    expect(isNightInJapan('2026-09-01T09:00:00Z')).toBe(true); // 18:00
    expect(isNightInJapan('2026-09-01T20:59:00Z')).toBe(true); // 05:59
    expect(isNightInJapan('2026-09-01T21:00:00Z')).toBe(false); // 06:00
  });
});

describe('shelterChoices', () => {
  it('offers the planned destination and 福祉避難所 first, then the open shelters nearest the home; closed ones never', () => {
    const choices = shelterChoices(makePerson('p1', HOME), { destinationId: 'site-far', welfareId: 'welfare-2' }, shelters, { hazard: 'flood', closedIds: new Set(['site-near']), limit: 3 });
    expect(choices.map((c) => [c.shelter.id, c.planned, c.welfare])).toEqual([
      ['site-far', true, false],
      ['welfare-2', true, true],
      ['welfare-1', false, true],
    ]);
    expect(choices[2].distanceM).toBeGreaterThan(150);
    expect(choices[2].distanceM).toBeLessThan(200);
  });

  it('without a home on the map: the shelters by name, no distance', () => {
    const choices = shelterChoices(makePerson('p1', null), undefined, shelters, { hazard: 'flood', closedIds: new Set(), limit: 10 });
    expect(choices.every((c) => c.distanceM === null && !c.planned)).toBe(true);
    expect(choices.map((c) => c.shelter.id)).not.toContain('shut');
  });

  const city = [
    makeShelter('park-quake', [139.9501, 37.52], { name: '松長１号公園', hazards: ['earthquake', 'large_fire'] }), // nearest, but not for floods
    makeShelter('hall', [139.9502, 37.52], { name: '松長公民館', kinds: ['shelter'], hazards: [] }), // 指定避難所 with no designation
    makeShelter('school', [139.953, 37.52], { name: '第一中学校', kinds: ['emergency_site', 'shelter'], hazards: ['flood'], siteFloors: { flood: '2階以上' } }),
    makeShelter('care', [139.96, 37.52], { name: '特別養護老人ホーム 松風荘', kinds: ['welfare_shelter'], hazards: [] }),
    makeShelter('far-school', [139.99, 37.52], { name: '第二中学校', hazards: ['flood'] }),
    makeShelter('planned-park', [139.98, 37.52], { name: '松長５号公園', hazards: ['earthquake'] }),
  ];

  it("offers, after the plan's places, only shelters designated for the event's hazard and 福祉避難所, nearest first, named with their floor rule", () => {
    const choices = shelterChoices(makePerson('p1', HOME), { destinationId: 'planned-park', welfareId: null }, city, { hazard: 'flood', closedIds: new Set() });
    expect(choices.map((c) => [c.shelter.id, c.planned, c.welfare])).toEqual([
      ['planned-park', true, false], // the plan's own place, whatever it is designated for
      ['school', false, false],
      ['care', false, true],
      ['far-school', false, false],
    ]);
    expect(choices.find((c) => c.shelter.id === 'school')!.label).toBe('第一中学校（洪水時は2階以上）');
    // For an earthquake the parks are suitable and the floor rule does not apply.
    const quake = shelterChoices(makePerson('p1', HOME), undefined, city, { hazard: 'earthquake', closedIds: new Set() });
    expect(quake.map((c) => c.shelter.id)).toEqual(['park-quake', 'care', 'planned-park']);
  });

  it('the nearest 福祉避難所 is offered even when nearer shelters fill the list', () => {
    const choices = shelterChoices(makePerson('p1', HOME), undefined, city, { hazard: 'flood', closedIds: new Set(), limit: 1 });
    expect(choices.map((c) => [c.shelter.id, c.welfare])).toEqual([
      ['school', false],
      ['care', true],
    ]);
  });

  it('a search finds suitable shelters by part of their name (width, spaces and kana alike), nearest first', () => {
    const find = (query: string) => shelterChoices(makePerson('p1', HOME), undefined, city, { hazard: 'flood', closedIds: new Set(), query }).map((c) => c.shelter.id);
    expect(find('中学校')).toEqual(['school', 'far-school']);
    expect(find('松風')).toEqual(['care']);
    expect(find('公園')).toEqual([]); // parks not designated for floods stay out, searched or not
    expect(find('第 一')).toEqual(['school']);
    expect(searchKey('マツカゼ　荘')).toBe('まつかぜ荘');
  });
});

describe('shelterLabels', () => {
  it("names a shelter with its floor rule for the hazard, and tells two of the same name apart by kind and address", () => {
    const twins = [
      makeShelter('site', [139.95, 37.52], { name: '仁愛高等学校', address: '福島県会津若松市鶴賀町1-5', hazards: ['flood'] }),
      makeShelter('stay', [139.95, 37.52], { name: '仁愛高等学校', address: '福島県会津若松市鶴賀町1-5-33', kinds: ['shelter'], hazards: [] }),
      makeShelter('nurse', [139.95, 37.52], { name: '高等看護学院', siteFloors: { flood: '2階以上' } }),
      makeShelter('gone', [139.95, 37.52], { name: '旧公民館', closed: true }),
    ];
    expect(Object.fromEntries(shelterLabels(twins, 'flood'))).toEqual({
      site: '仁愛高等学校（指定緊急避難場所・会津若松市鶴賀町1-5）',
      stay: '仁愛高等学校（指定避難所・会津若松市鶴賀町1-5-33）',
      nurse: '高等看護学院（洪水時は2階以上）',
      gone: '旧公民館［開設しない］',
    });
    expect(shelterLabels(twins, 'earthquake').get('nurse')).toBe('高等看護学院');
  });
});

describe('planBWords', () => {
  const names: Record<string, string> = { hokuto: '北斗高等学校', nurse: '高等看護学院', w1: '松風荘', w2: '白梅園', sato: '佐藤 一郎', tanaka: '田中 次郎', suzuki: '鈴木 花子' };
  const n = (id: string) => names[id];
  const plan = (over: Partial<BoardPlan>): BoardPlan => ({
    supporterIds: [],
    destinationId: null,
    alternative: null,
    welfareId: null,
    previousDestinationId: null,
    destinationMoved: false,
    previousWelfareId: null,
    previousSupporterIds: [],
    reasons: [],
    destinationChanged: false,
    welfareChanged: false,
    supportersChanged: false,
    noSupporter: false,
    ...over,
  });

  it('names the old and the new place', () => {
    expect(planBWords(plan({ destinationMoved: true, destinationChanged: true, previousDestinationId: 'hokuto', destinationId: 'nurse' }), n, n)).toEqual(['避難先: 北斗高等学校 → 高等看護学院。']);
    expect(planBWords(plan({ destinationMoved: true, destinationChanged: true, previousDestinationId: 'hokuto', alternative: { name: '長男宅', address: '', phone: '' } }), n, n)).toEqual(['避難先: 北斗高等学校 → 長男宅（代替の避難先）。']);
    expect(planBWords(plan({ destinationMoved: true, destinationChanged: true, previousDestinationId: 'hokuto' }), n, n)).toEqual(['避難先: 北斗高等学校 → 開いている避難先が見つかりません。']);
    expect(planBWords(plan({ welfareChanged: true, destinationChanged: true, previousWelfareId: 'w1', welfareId: 'w2' }), n, n)).toEqual(['福祉避難所: 松風荘 → 白梅園。']);
    expect(planBWords(plan({ welfareChanged: true, destinationChanged: true, previousWelfareId: 'w1' }), n, n)).toEqual(['福祉避難所: 松風荘 → 空きのある福祉避難所が見つかりません。']);
  });

  it('says what happened to the supporters: taken off, replaced, or nobody left', () => {
    const words = (over: Partial<BoardPlan>) => planBWords(plan({ reasons: ['supporter_absent'], supportersChanged: true, ...over }), n, n);
    expect(words({ previousSupporterIds: ['sato', 'suzuki'], supporterIds: ['suzuki'] })).toEqual(['支援者: 佐藤 一郎さん（不在）を外しました（鈴木 花子さんが支援します）。']);
    expect(words({ previousSupporterIds: ['sato'], supporterIds: ['tanaka'] })).toEqual(['支援者: 佐藤 一郎さん（不在） → 田中 次郎さんに代わりました。']);
    expect(words({ previousSupporterIds: ['sato'], supporterIds: [], noSupporter: true })).toEqual(['支援者: 佐藤 一郎さん（不在）を外しました。', '近くに頼める支援者がいません。ほかの方法を考えてください。']);
    expect(words({ previousSupporterIds: ['sato'], supporterIds: ['tanaka'] }).join('')).not.toContain('入れ替え');
  });
});

describe('distanceLabel', () => {
  it('says metres to the 10 m, kilometres to 0.1 km', () => {
    expect([distanceLabel(null), distanceLabel(347), distanceLabel(1234)]).toEqual(['', '350 m', '1.2 km']);
  });
});
