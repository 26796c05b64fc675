import { WallClock } from './roadshow-types';

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Minutes since 1970-01-01T00:00 of a wall-clock string, or undefined when malformed (a date that does
 * not exist, an hour past 23, a minute past 59). Asia/Shanghai has no daylight saving, so wall-clock
 * arithmetic is exact.
 */
export function parseWallClock(s: unknown): number | undefined {
  if (typeof s !== 'string') return undefined;
  const m = WALL.exec(s);
  if (!m) return undefined;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59) return undefined;
  return daysFromCivil(y, mo, d) * 1440 + h * 60 + mi;
}

/** The wall-clock string of minutes since 1970-01-01T00:00 (parseWallClock's inverse). */
export function formatWallClock(minutes: number): WallClock {
  return new Date(minutes * 60_000).toISOString().slice(0, 16);
}
