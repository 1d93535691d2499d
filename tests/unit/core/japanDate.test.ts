import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dateOption } from '../../../src/cli/options';
import { japanDateLabel, japanDateOf, japanDateTimeLabel, japanClockLabel, japanTimeLabel, japanToday } from '../../../src/core/japanDate';
import { validatePerson } from '../../../src/core/person';
import { birthLabel, today } from '../../../src/ui/labels';
import { dateTimeLabel, timeLabel } from '../../../src/ui/plan/planDraft';
import { person } from '../plan/fixtures';

/**
 * Japan's date and the machine's date differ between 15:00 and 24:00 UTC. Every date the app
 * shows or uses must be Japan's, whatever zone the machine is set to: each case runs under a
 * machine zone of UTC, America/Los_Angeles and Asia/Tokyo (Node applies process.env.TZ at once).
 */
const ZONES = ['UTC', 'America/Los_Angeles', 'Asia/Tokyo'] as const;
/** 2026-11-29 01:00 in Japan; still 2026-11-28 in UTC and in Los Angeles. */
const AFTER_MIDNIGHT_IN_JAPAN = '2026-11-28T16:00:00.000Z';

const originalTz = process.env.TZ;
afterEach(() => {
  vi.useRealTimers();
  process.env.TZ = originalTz;
});

describe.each(ZONES)('Japan dates on a machine set to %s', (zone) => {
  beforeEach(() => {
    process.env.TZ = zone;
  });

  it('runs in that zone (the machine date really differs outside Japan)', () => {
    const d = new Date(AFTER_MIDNIGHT_IN_JAPAN);
    expect(d.getDate()).toBe(zone === 'Asia/Tokyo' ? 29 : 28);
  });

  it('gives the Japan date of an instant, switching at 15:00 UTC', () => {
    expect(japanToday(new Date('2026-11-28T14:59:59.999Z'))).toBe('2026-11-28');
    expect(japanToday(new Date('2026-11-28T15:00:00.000Z'))).toBe('2026-11-29');
    expect(japanToday(new Date(AFTER_MIDNIGHT_IN_JAPAN))).toBe('2026-11-29');
    expect(japanDateOf('2026-12-31T15:30:00Z')).toBe('2027-01-01');
    expect(japanDateOf('2028-02-28T20:00:00Z')).toBe('2028-02-29');
    expect(japanDateOf('2026-11-28T16:00:00+09:00')).toBe('2026-11-28');
  });

  it('labels date and clock time in Japan time', () => {
    expect(japanTimeLabel('2026-11-28T16:05:00Z')).toBe('01:05');
    expect(japanDateLabel('2026-11-28T16:05:00Z')).toBe('2026年11月29日');
    expect(japanDateTimeLabel('2026-11-28T16:05:00Z')).toBe('2026年11月29日 01:05');
    expect(japanDateTimeLabel('2026-04-01T05:00:00Z')).toBe('2026年4月1日 14:00');
  });

  it('uses the Japan date for "today" everywhere: default date, the app, ages, plan history, birth-date check, CLI', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(AFTER_MIDNIGHT_IN_JAPAN));
    expect(japanToday()).toBe('2026-11-29');
    expect(today()).toBe('2026-11-29');
    // Born on 29 November: 86 on this day in Japan.
    expect(birthLabel('1940-11-29')).toBe('1940年11月29日（86歳）');
    expect(dateOption({}, 'date')).toBe('2026-11-29');
    expect(dateTimeLabel(AFTER_MIDNIGHT_IN_JAPAN)).toBe('2026年11月29日 01:00');
    expect(timeLabel(AFTER_MIDNIGHT_IN_JAPAN)).toBe('01:00');
    // A baby registered on the day of birth (Japan date) is not "born in the future".
    expect(validatePerson(person({ birthDate: '2026-11-29' })).map((e) => e.field)).not.toContain('birthDate');
    expect(validatePerson(person({ birthDate: '2026-11-30' })).map((e) => e.field)).toContain('birthDate');
  });

  it('a clock label shows the date when the instant is not today in Japan (an event of several days)', () => {
    const now = new Date('2026-11-29T14:00:00Z'); // 23:00 on 11月29日 in Japan
    expect(japanClockLabel('2026-11-29T13:05:00Z', now)).toBe('22:05');
    expect(japanClockLabel('2026-11-29T15:30:00Z', now)).toBe('11月30日 00:30'); // already tomorrow in Japan
    expect(japanClockLabel('2026-11-28T14:59:00Z', now)).toBe('11月28日 23:59');
  });
});
