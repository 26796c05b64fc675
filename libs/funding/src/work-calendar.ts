/**
 * Working days (工作日) of China's official calendar, as pure functions over plain data.
 *
 * A date is a working day when it is a weekday that is not an official holiday (法定节假日), or a
 * weekend day the State Council made a working day (调休上班). Each year's arrangement is published
 * separately, so a year is usable only when its data is present: a date in a year without data is
 * refused (CalendarYearMissing), never guessed as a plain Monday-to-Friday week.
 */

/** The official arrangement of the years at hand. Dates are `YYYY-MM-DD` (Shanghai). */
export interface WorkCalendarData {
  /** Years whose arrangement is present (possibly with no listed day at all). */
  readonly years: ReadonlySet<number>;
  /** Official holidays (including the weekend days inside a holiday block). */
  readonly holidays: ReadonlySet<string>;
  /** Adjusted working days (调休): weekend days that are working days. */
  readonly workdays: ReadonlySet<string>;
}

/** A date falls in a year whose arrangement is not entered. */
export class CalendarYearMissing extends Error {
  constructor(readonly year: number) {
    super(`no working calendar for ${year}`);
    this.name = 'CalendarYearMissing';
  }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `date` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(date: string): boolean {
  const m = DATE.exec(date);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.toISOString().slice(0, 10) === date;
}

/** The day after `date` (plain calendar arithmetic, no time zone involved). */
export function nextDate(date: string): string {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3] + 1)).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: string): number {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])).getUTCDay();
}

/** Whether `date` is a working day; throws CalendarYearMissing when its year has no data. */
export function isWorkingDay(cal: WorkCalendarData, date: string): boolean {
  const year = Number(date.slice(0, 4));
  if (!cal.years.has(year)) throw new CalendarYearMissing(year);
  if (cal.workdays.has(date)) return true;
  if (cal.holidays.has(date)) return false;
  const wd = weekday(date);
  return wd !== 0 && wd !== 6;
}

/**
 * The `n`th working day after `start` (`start` itself is not counted, as a period counted in days
 * starts on the next day), e.g. the last day of a publicity period of `n` working days published on
 * `start`. Throws CalendarYearMissing for the first year without data the count walks into.
 */
export function addWorkingDays(cal: WorkCalendarData, start: string, n: number): string {
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`working days must be ≥ 1: ${n}`);
  let date = start;
  let counted = 0;
  // A year has at least ~240 working days, so this loop ends long before the guard.
  for (let guard = 0; guard < 3700; guard++) {
    date = nextDate(date);
    if (isWorkingDay(cal, date) && ++counted === n) return date;
  }
  throw new RangeError(`no ${n} working days after ${start}`);
}

/** The working days from `from` to `to`, both included (for display and checks). */
export function workingDaysBetween(cal: WorkCalendarData, from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = nextDate(d)) if (isWorkingDay(cal, d)) out.push(d);
  return out;
}

/** A calendar from rows (years, and days with their kind). */
export function calendarFrom(
  years: Iterable<number>,
  days: Iterable<{ date: string; kind: 'holiday' | 'workday' }>,
): WorkCalendarData {
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  for (const d of days) (d.kind === 'holiday' ? holidays : workdays).add(d.date);
  return { years: new Set(years), holidays, workdays };
}
