import { describe, expect, it } from 'vitest';
import { filterBoard, safetyBoard } from '../../../src/core/safetyBoard';
import { mergeSafetyRecords } from '../../../src/core/safetyMerge';
import { EVENT, START, after, person, rec } from './safetyFixtures';

describe('safetyBoard order', () => {
  it('puts 避難先変更 / 支援者なし / otherwise replanned first, then A, B, C; within: hazard at home, living alone, night, フリガナ', () => {
    const people = [
      person('c-kana-b', { nameKana: 'イ' }),
      person('c-kana-a', { nameKana: 'ア' }),
      person('b', { priorityRank: 'B' }),
      person('a-plain', { priorityRank: 'A', nameKana: 'ア' }),
      person('a-night', { priorityRank: 'A', night: true, nameKana: 'ン' }),
      person('a-alone', { priorityRank: 'A', livesAlone: true, nameKana: 'ン' }),
      person('a-hazard', { priorityRank: 'A', hazardAtHome: true, nameKana: 'ン' }),
      person('a-hazard-alone', { priorityRank: 'A', hazardAtHome: true, livesAlone: true, nameKana: 'ン' }),
      person('c-moved', { destinationChanged: true }),
      person('b-alone-nosup', { priorityRank: 'B', noSupporter: true }),
      person('c-replanned', { replanned: true, nameKana: 'ア' }),
    ];
    const board = safetyBoard(people, [], START);
    expect(board.rows.map((r) => r.person.id)).toEqual(['b-alone-nosup', 'c-replanned', 'c-moved', 'a-hazard-alone', 'a-hazard', 'a-alone', 'a-night', 'a-plain', 'b', 'c-kana-a', 'c-kana-b']);
  });
});

describe('safetyBoard rows and counts', () => {
  const people = ['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8', 'P9', 'P10'].map((id, i) =>
    person(id, { nameKana: String(i).padStart(2, '0'), districtId: i < 5 ? 'd1' : 'd2', supporterIds: i % 2 ? ['sup-odd'] : ['sup-even'] }),
  );
  const records = [
    rec('P1', 'not_reached', 5),
    rec('P1', 'safe', 30, { recorder: 'XY9Z' }),
    rec('P2', 'needs_help', 10),
    rec('P3', 'evacuated', 20, { shelterId: 'S-1' }),
    rec('P4', 'absent', 40),
    rec('P5', 'safe', 50),
    rec('P6', 'not_reached', 60),
    rec('P7', 'safe', 70),
    rec('P8', 'safe', 80),
    rec('P9', 'safe', 90),
    rec('other-person', 'safe', 1),
  ];

  it('shows each person’s latest record, keeps the timeline, counts states and minutes to half / 90 % / all', () => {
    const board = safetyBoard([...people, people[0]], records, START);
    expect(board.targets).toBe(10);
    const p1 = board.rows[0];
    expect(p1.person.id).toBe('P1');
    expect(p1.state).toBe('safe');
    expect(p1.latest?.recorder).toBe('XY9Z');
    expect(p1.timeline.map((r) => r.status)).toEqual(['not_reached', 'safe']);
    expect(board.rows.find((r) => r.person.id === 'P10')).toMatchObject({ state: 'unchecked', latest: null, timeline: [] });
    expect(board.counts).toEqual({ unchecked: 1, safe: 5, needs_help: 1, not_reached: 1, evacuated: 1, absent: 1 });
    // confirmed: P1 30, P2 10, P3 20, P4 40, P5 50, P7 70, P8 80, P9 90 (P6 連絡つかず, P10 未確認)
    expect(board.confirmed).toBe(8);
    expect(board.minutesTo).toEqual({ half: 50, ninety: null, all: null });
    const more = safetyBoard(people, [...records, rec('P6', 'safe', 100), rec('P10', 'evacuated', 130)], START);
    expect(more.minutesTo).toEqual({ half: 50, ninety: 100, all: 130 });
  });

  it('keeps flagged records out of the state, in the timeline and in `flagged`', () => {
    const merged = mergeSafetyRecords([], [rec('P10', 'safe', 500), rec('P10', 'needs_help', -5)], { event: EVENT, knownPersonIds: new Set(['P10']), now: after(60) });
    const board = safetyBoard(people, [...records, ...merged.flagged], START);
    const p10 = board.rows.find((r) => r.person.id === 'P10')!;
    expect(p10.state).toBe('unchecked');
    expect(p10.flagged.map((r) => r.flag)).toEqual(['before_event', 'future']);
    expect(p10.timeline).toHaveLength(2);
    expect(board.confirmed).toBe(8);
  });

  it('filters by district, state and supporter, keeping the order', () => {
    const { rows } = safetyBoard(people, records, START);
    expect(filterBoard(rows, { districtId: 'd2' }).map((r) => r.person.id)).toEqual(['P6', 'P7', 'P8', 'P9', 'P10']);
    expect(filterBoard(rows, { state: 'safe' }).map((r) => r.person.id)).toEqual(['P1', 'P5', 'P7', 'P8', 'P9']);
    expect(filterBoard(rows, { state: 'unchecked', districtId: 'd2' }).map((r) => r.person.id)).toEqual(['P10']);
    expect(filterBoard(rows, { supporterId: 'sup-odd', state: 'safe' }).map((r) => r.person.id)).toEqual(['P8']);
    expect(filterBoard(rows, { districtId: null, state: null, supporterId: null })).toHaveLength(10);
    expect(filterBoard(rows, {})).toHaveLength(10);
  });

  it('is empty without people', () => {
    expect(safetyBoard([], records, START)).toMatchObject({ rows: [], targets: 0, confirmed: 0, minutesTo: { half: null, ninety: null, all: null } });
  });
});
