/**
 * Dates and clock times in Japan time (Asia/Tokyo, UTC+9, no daylight saving since 1951), whatever
 * the machine's time zone. Every date the app shows, prints, puts in a file name or uses as
 * "today" comes from here; stored timestamps stay ISO 8601 instants in UTC.
 */

/** Japan's offset from UTC in milliseconds (+9 h). */
const JAPAN_OFFSET_MS = 9 * 3600 * 1000;

const pad = (n: number) => String(n).padStart(2, '0');

/** The instant shifted so that its UTC fields read as Japan's wall clock. */
function japanWallClock(at: Date | string): Date {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  return new Date(ms + JAPAN_OFFSET_MS);
}

/** Today's date in Japan (Asia/Tokyo) as `YYYY-MM-DD`; `now` defaults to the current instant. */
export function japanToday(now: Date = new Date()): string {
  return japanWallClock(now).toISOString().slice(0, 10);
}

/** The date in Japan (Asia/Tokyo), `YYYY-MM-DD`, of an ISO 8601 instant (e.g. 2026-11-28T16:00Z → 2026-11-29). */
export function japanDateOf(iso: string): string {
  return japanWallClock(iso).toISOString().slice(0, 10);
}

/** 「14:05」: the clock time in Japan (Asia/Tokyo) of an ISO 8601 instant. */
export function japanTimeLabel(iso: string): string {
  const d = japanWallClock(iso);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/**
 * 「14:05」 for an instant of today in Japan, else 「12月2日 14:05」: a clock time that cannot be
 * mistaken for today's during an event that lasts days (災害時モード runs up to 72 hours).
 */
export function japanClockLabel(iso: string, now: Date = new Date()): string {
  if (japanDateOf(iso) === japanToday(now)) return japanTimeLabel(iso);
  const d = japanWallClock(iso);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${japanTimeLabel(iso)}`;
}

/** 「2026年11月29日 01:00:07」: date and clock time to the second (to tell apart two saves of one minute). */
export function japanDateTimeSecondsLabel(iso: string): string {
  return `${japanDateLabel(iso)} ${japanTimeLabel(iso)}:${pad(japanWallClock(iso).getUTCSeconds())}`;
}

/** 「2026年11月29日」: the date in Japan (Asia/Tokyo) of an ISO 8601 instant. */
export function japanDateLabel(iso: string): string {
  const d = japanWallClock(iso);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** 「2026年11月29日 01:00」: date and clock time in Japan (Asia/Tokyo) of an ISO 8601 instant. */
export function japanDateTimeLabel(iso: string): string {
  return `${japanDateLabel(iso)} ${japanTimeLabel(iso)}`;
}
