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

describe('safetyBoard: confirmed now, minutes from the first confirmation', () => {
  it('counts as confirmed only people whose latest status is confirmed; the minutes stay the first time that many were confirmed', () => {
    const people = ['P1', 'P2', 'P3', 'P4', 'P5'].map((id) => person(id));
    const records = [
      rec('P1', 'safe', 10),
      rec('P2', 'safe', 20),
      rec('P3', 'evacuated', 30),
      rec('P4', 'safe', 40),
      rec('P5', 'needs_help', 50),
      // Later the same night two of them cannot be reached any more.
      rec('P1', 'not_reached', 60),
      rec('P4', 'not_reached', 70),
    ];
    const board = safetyBoard(people, records, START);
    expect(board.counts.not_reached).toBe(2);
    expect(board.confirmed).toBe(3); // P2, P3, P5 — not 5
    expect(board.confirmed + board.counts.not_reached).toBe(board.targets);
    // Everyone had been confirmed once at 50 minutes: the minutes say so.
    expect(board.minutesTo).toEqual({ half: 30, ninety: 50, all: 50 });
  });
});

describe('safetyBoard Plan B order', () => {
  it('puts Plan B people first only while not 無事 / 避難済 / 不在; settled ones fall into their priority place, still marked', () => {
    const people = [
      person('a-plain', { priorityRank: 'A', nameKana: 'ア' }),
      person('b-plain', { priorityRank: 'B', nameKana: 'ア' }),
      person('c-moved-safe', { destinationChanged: true, nameKana: 'ア' }),
      person('c-moved-evacuated', { destinationChanged: true, nameKana: 'イ' }),
      person('b-nosup-absent', { priorityRank: 'B', noSupporter: true, nameKana: 'イ' }),
      person('c-replanned-open', { replanned: true, nameKana: 'ウ' }),
      person('c-moved-not-reached', { destinationChanged: true, nameKana: 'エ' }),
      person('c-nosup-needs-help', { noSupporter: true, nameKana: 'オ' }),
      person('c-moved-later-lost', { destinationChanged: true, nameKana: 'カ' }),
    ];
    const records = [
      rec('c-moved-safe', 'safe', 10),
      rec('c-moved-evacuated', 'evacuated', 10, { shelterId: 'S-1' }),
      rec('b-nosup-absent', 'absent', 10),
      rec('c-moved-not-reached', 'not_reached', 10),
      rec('c-nosup-needs-help', 'needs_help', 10),
      rec('c-moved-later-lost', 'safe', 10),
      rec('c-moved-later-lost', 'not_reached', 20),
    ];
    const expected = [
      // Plan B and still open (未確認, 連絡つかず, 要支援), in priority order among themselves.
      'c-replanned-open',
      'c-moved-not-reached',
      'c-nosup-needs-help',
      'c-moved-later-lost',
      // Everyone else by priority; settled Plan B people among them.
      'a-plain',
      'b-plain',
      'b-nosup-absent',
      'c-moved-safe',
      'c-moved-evacuated',
    ];
    const board = safetyBoard(people, records, START);
    expect(board.rows.map((r) => r.person.id)).toEqual(expected);
    expect(board.rows.find((r) => r.person.id === 'c-moved-safe')!.person.destinationChanged).toBe(true);
    // Deterministic: the same board whatever the order of people and records.
    expect(safetyBoard([...people].reverse(), [...records].reverse(), START).rows.map((r) => r.person.id)).toEqual(expected);
  });
});
