import {
  addWorkingDays,
  CalendarYearMissing,
  calendarFrom,
  isIsoDate,
  isWorkingDay,
  WorkCalendarData,
  workingDaysBetween,
} from './work-calendar';
import { chineseDaysYear, chineseDaysYears, endOfShanghaiDay } from './work-calendar.service';

/** Every date from `from` to `to` (both included), for typing holiday blocks. */
function span(from: string, to: string): string[] {
  const out: string[] = [];
  const d = new Date(`${from}T00:00:00Z`);
  while (d.toISOString().slice(0, 10) <= to) {
    out.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() + 1);
  }
  return out;
}

/**
 * Typed by hand from the State Council notices (国办发明电〔2024〕12号 for 2025, 〔2025〕7号 for 2026):
 * the holidays and the adjusted working days (调休上班).
 */
const HOLIDAYS: Record<number, string[]> = {
  2025: [
    '2025-01-01',
    ...span('2025-01-28', '2025-02-04'),
    ...span('2025-04-04', '2025-04-06'),
    ...span('2025-05-01', '2025-05-05'),
    ...span('2025-05-31', '2025-06-02'),
    ...span('2025-10-01', '2025-10-08'),
  ],
  2026: [
    ...span('2026-01-01', '2026-01-03'),
    ...span('2026-02-15', '2026-02-23'),
    ...span('2026-04-04', '2026-04-06'),
    ...span('2026-05-01', '2026-05-05'),
    ...span('2026-06-19', '2026-06-21'),
    ...span('2026-09-25', '2026-09-27'),
    ...span('2026-10-01', '2026-10-07'),
  ],
};
const WORKDAYS: Record<number, string[]> = {
  2025: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  2026: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};

function cal(years: number[]): WorkCalendarData {
  return calendarFrom(
    years,
    years.flatMap((y) => [
      ...HOLIDAYS[y].map((date) => ({ date, kind: 'holiday' as const })),
      ...WORKDAYS[y].map((date) => ({ date, kind: 'workday' as const })),
    ]),
  );
}

describe('working days (工作日) on the official calendar', () => {
  const c = cal([2025, 2026]);

  it('knows holidays on weekdays, ordinary weekends and 调休 Saturdays and Sundays', () => {
    expect(isWorkingDay(c, '2026-10-01')).toBe(false); // Thursday, National Day
    expect(isWorkingDay(c, '2026-10-08')).toBe(true); // Thursday after the holiday
    expect(isWorkingDay(c, '2026-10-10')).toBe(true); // Saturday, 调休上班
    expect(isWorkingDay(c, '2026-10-11')).toBe(false); // ordinary Sunday
    expect(isWorkingDay(c, '2026-09-20')).toBe(true); // Sunday, 调休上班
    expect(isWorkingDay(c, '2026-11-18')).toBe(true); // ordinary Wednesday
  });

  it('National Day week: 5 working days from Monday 28 September 2026 end on Saturday 10 October (调休)', () => {
    // 29, 30 Sep; 1–7 Oct off; 8, 9 Oct; Saturday 10 Oct is a working day.
    expect(addWorkingDays(c, '2026-09-28', 5)).toBe('2026-10-10');
    expect(workingDaysBetween(c, '2026-09-29', '2026-10-10')).toEqual([
      '2026-09-29',
      '2026-09-30',
      '2026-10-08',
      '2026-10-09',
      '2026-10-10',
    ]);
    // Published on Thursday 24 Sep: Mid-Autumn (25–27) and National Day both fall inside.
    expect(addWorkingDays(c, '2026-09-24', 5)).toBe('2026-10-09');
    // Published during the holiday: the count starts after it.
    expect(addWorkingDays(c, '2026-10-03', 5)).toBe('2026-10-13');
  });

  it('Spring Festival 2026: the 调休 Saturdays 14 and 28 February count, the nine days off do not', () => {
    // Thu 12 Feb → Fri 13, Sat 14 (调休), [15–23 off], Tue 24, Wed 25, Thu 26.
    expect(addWorkingDays(c, '2026-02-12', 5)).toBe('2026-02-26');
    // Tue 24 Feb → 25, 26, 27, Sat 28 (调休), Mon 2 Mar.
    expect(addWorkingDays(c, '2026-02-24', 5)).toBe('2026-03-02');
    // Spring Festival 2025: Fri 24 Jan → Sun 26 (调休), Mon 27, [28 Jan – 4 Feb off], 5, 6 Feb.
    expect(addWorkingDays(c, '2025-01-24', 4)).toBe('2025-02-06');
    expect(addWorkingDays(c, '2025-01-24', 1)).toBe('2025-01-26');
  });

  it('a period crossing a year end counts on both years (New Year 2026 with its 调休 Sunday)', () => {
    // Mon 29 Dec 2025 → Tue 30, Wed 31, [1–3 Jan off], Sun 4 Jan (调休), Mon 5, Tue 6.
    expect(addWorkingDays(c, '2025-12-29', 5)).toBe('2026-01-06');
    expect(addWorkingDays(c, '2025-12-29', 3)).toBe('2026-01-04');
  });

  it('refuses a year without data, never counting it as plain weekdays', () => {
    const only2026 = cal([2026]);
    // Ends on 31 Dec: 2027 is never needed.
    expect(addWorkingDays(only2026, '2026-12-24', 5)).toBe('2026-12-31');
    // Walks into 2027, which has no arrangement entered.
    expect(() => addWorkingDays(only2026, '2026-12-28', 5)).toThrow(CalendarYearMissing);
    try {
      addWorkingDays(only2026, '2026-12-28', 5);
    } catch (err) {
      expect((err as CalendarYearMissing).year).toBe(2027);
    }
    // An ordinary Wednesday of a missing year is not a working day either: it is unknown.
    expect(() => isWorkingDay(only2026, '2027-03-03')).toThrow(CalendarYearMissing);
    expect(() => addWorkingDays(cal([2026]), '2025-12-29', 1)).toThrow(CalendarYearMissing);
    // A year entered with no listed day at all is a deliberate entry: weekdays only.
    expect(addWorkingDays(calendarFrom([2027], []), '2027-01-01', 1)).toBe('2027-01-04');
  });

  it('takes only whole working days and real dates', () => {
    expect(() => addWorkingDays(c, '2026-10-01', 0)).toThrow(RangeError);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-1-1')).toBe(false);
  });

  it('ends a period at 23:59:59 Shanghai on its last day', () => {
    expect(endOfShanghaiDay('2026-10-10').toISOString()).toBe('2026-10-10T15:59:59.000Z');
  });

  it('the chinese-days package gives exactly the hand-typed 2025 and 2026 arrangements', () => {
    const years = chineseDaysYears();
    expect(years).toEqual(expect.arrayContaining([2025, 2026]));
    expect(years).not.toContain(2027);
    for (const year of [2025, 2026]) {
      const days = chineseDaysYear(year) ?? [];
      const of = (kind: string) =>
        days
          .filter((d) => d.kind === kind)
          .map((d) => d.date)
          .sort();
      expect(of('holiday')).toEqual([...HOLIDAYS[year]].sort());
      expect(of('workday')).toEqual([...WORKDAYS[year]].sort());
    }
    expect(chineseDaysYear(2026)?.find((d) => d.date === '2026-10-01')?.name).toBe(
      '国庆节 · National Day',
    );
    expect(chineseDaysYear(2027)).toBeUndefined();
  });
});
