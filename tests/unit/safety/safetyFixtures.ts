/** Records, events and board people for the 安否 tests, made with the app's own record maker. */
import type { Emergency } from '../../../src/core/emergency';
import type { BoardPerson } from '../../../src/core/safetyBoard';
import { makeSafetyRecord } from '../../../src/core/safetyMerge';
import type { SafetyRecord, SafetyStatus } from '../../../src/core/safetyRecord';

/** 2026-09-01 21:00 in Japan. */
export const START = '2026-09-01T12:00:00.000Z';
export const EVENT: Pick<Emergency, 'id' | 'name' | 'startedAt'> = { id: 'K7QX2M9P', name: '令和9年 台風10号 大雨', startedAt: START };
export const OTHER_EVENT: Pick<Emergency, 'id' | 'name' | 'startedAt'> = { id: 'ZZ34ABCD', name: '令和9年 地震', startedAt: START };

/** The instant `minutes` after the start. */
export const after = (minutes: number) => new Date(Date.parse(START) + minutes * 60_000);

export interface RecOptions {
  recorder?: string;
  shelterId?: string | null;
  note?: string;
  eventId?: string;
}

/** A record of `personId` made `minutes` after the start. */
export function rec(personId: string, status: SafetyStatus, minutes: number, o: RecOptions = {}): SafetyRecord {
  const r = makeSafetyRecord({
    eventId: o.eventId ?? EVENT.id,
    personId,
    status,
    at: after(minutes).toISOString(),
    recorder: o.recorder ?? 'AB3C',
    shelterId: o.shelterId ?? null,
    note: o.note ?? '',
  });
  if (r === null) throw new Error('bad fixture time');
  return r;
}

/** A board person; everything not given is the least urgent. */
export function person(id: string, o: Partial<BoardPerson> = {}): BoardPerson {
  return {
    id,
    name: `氏名 ${id}`,
    nameKana: `シメイ ${id}`,
    address: `会津若松市追手町${id}番`,
    phone: '0242-00-0000',
    districtId: 'd1',
    priorityRank: 'C',
    hazardAtHome: false,
    livesAlone: false,
    supporterIds: [],
    revealed: false,
    destinationChanged: false,
    noSupporter: false,
    ...o,
  };
}
