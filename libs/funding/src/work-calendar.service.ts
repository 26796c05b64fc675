import { readFileSync } from 'node:fs';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, MoreThanOrEqual } from 'typeorm';
import { AuditService } from '@gv/audit';
import { Actor, AppException, formatShanghaiDate, parseShanghai } from '@gv/core';
import { managerAsDataSource, transactionWithRetry } from '@gv/database';
import { WorkCalendarDay, WorkCalendarYear } from './entities/publicity.entity';
import { FundingError } from './funding.errors';
import {
  addWorkingDays,
  CalendarYearMissing,
  calendarFrom,
  isIsoDate,
  weekday,
  WorkCalendarData,
} from './work-calendar';

/** Where a year's arrangement came from: the maintained package, or typed in (or edited) by staff. */
export const CALENDAR_SOURCES = ['chinese-days', 'manual'] as const;
export type CalendarSource = (typeof CALENDAR_SOURCES)[number];

export interface CalendarDayInput {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

let chineseDaysCache: ChineseDaysData | undefined;

/**
 * The official arrangement shipped by the `chinese-days` package (its `dist/chinese-days.json`: date →
 * "English name,中文名,days"), read once. It covers the years the State Council has published up to the
 * package's release; a later year must be typed in by hand.
 */
function chineseDays(): ChineseDaysData {
  chineseDaysCache ??= JSON.parse(
    readFileSync(require.resolve('chinese-days/dist/chinese-days.json'), 'utf8'),
  ) as ChineseDaysData;
  return chineseDaysCache;
}

/** The years `chinese-days` has an arrangement for, ascending. */
export function chineseDaysYears(): number[] {
  const years = new Set(Object.keys(chineseDays().holidays).map((d) => Number(d.slice(0, 4))));
  return [...years].sort((a, b) => a - b);
}

/** One year's holidays and adjusted working days from `chinese-days`; undefined when it has none. */
export function chineseDaysYear(year: number): CalendarDayInput[] | undefined {
  if (!chineseDaysYears().includes(year)) return undefined;
  const data = chineseDays();
  const out: CalendarDayInput[] = [];
  for (const kind of ['holiday', 'workday'] as const)
    for (const [date, label] of Object.entries(kind === 'holiday' ? data.holidays : data.workdays))
      if (date.startsWith(`${year}-`)) {
        const [en = '', zh = ''] = label.split(',');
        out.push({ date, kind, name: `${zh} · ${en}`.slice(0, 64) });
      }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

/** The moment a day ends in Shanghai (23:59:59): the last moment of a period ending that day. */
export function endOfShanghaiDay(date: string): Date {
  const d = parseShanghai(`${date}T23:59:59`);
  if (!d) throw new RangeError(`not a date: ${date}`);
  return d;
}

/**
 * 工作日历: the official holidays and adjusted working days per year, seeded from `chinese-days` or typed
 * in by the street office. Periods in working days are counted on it; a year without data is refused
 * (409 calendar_year_missing), never counted as plain weekdays.
 */
@Injectable()
export class WorkCalendarService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The years present, newest first, with their source and counts. */
  async years(m: EntityManager = this.ds.manager) {
    const years = await m.find(WorkCalendarYear, { order: { year: 'DESC' } });
    const days = await m.find(WorkCalendarDay, { select: { date: true, kind: true } });
    return years.map((y) => {
      const mine = days.filter((d) => d.date.startsWith(`${y.year}-`));
      return {
        year: y.year,
        source: y.source,
        createdAt: y.createdAt,
        holidays: mine.filter((d) => d.kind === 'holiday').length,
        workdays: mine.filter((d) => d.kind === 'workday').length,
      };
    });
  }

  /** A year's listed days in date order (an absent year: none). */
  async days(year: number): Promise<WorkCalendarDay[]> {
    const all = await this.ds.getRepository(WorkCalendarDay).find({ order: { date: 'ASC' } });
    return all.filter((d) => d.date.startsWith(`${year}-`));
  }

  /** The calendar from `fromYear` on (a period never reaches back before its publication). */
  async calendar(m: EntityManager, fromYear: number): Promise<WorkCalendarData> {
    const years = await m.findBy(WorkCalendarYear, { year: MoreThanOrEqual(fromYear) });
    const days = await m.findBy(WorkCalendarDay, { date: MoreThanOrEqual(`${fromYear}-01-01`) });
    return calendarFrom(
      years.map((y) => y.year),
      days,
    );
  }

  /**
   * The end (23:59:59 Shanghai) of the `n`th working day after the day of `from` (Shanghai), or 409
   * calendar_year_missing {year} when the count needs a year without data.
   */
  async deadline(m: EntityManager, from: Date, n: number): Promise<Date> {
    const start = formatShanghaiDate(from);
    const cal = await this.calendar(m, Number(start.slice(0, 4)));
    try {
      return endOfShanghaiDay(addWorkingDays(cal, start, n));
    } catch (err) {
      if (err instanceof CalendarYearMissing)
        throw FundingError.error('calendar_year_missing', { year: err.year });
      throw err;
    }
  }

  /**
   * Seeds (or re-seeds) a year from `chinese-days`: its listed days are replaced by the package's, the
   * source becomes `chinese-days`. 409 calendar_year_missing when the package has no such year. Audited.
   */
  async seedYear(actor: Actor | null, year: number, m?: EntityManager): Promise<number> {
    const days = Number.isSafeInteger(year) ? chineseDaysYear(year) : undefined;
    if (!days) throw FundingError.error('calendar_year_missing', { year });
    const run = async (tx: EntityManager) => {
      const before = await tx.findOneBy(WorkCalendarYear, { year });
      await this.clearYear(tx, year);
      if (before) await tx.update(WorkCalendarYear, { year }, { source: 'chinese-days' });
      else await tx.insert(WorkCalendarYear, { year, source: 'chinese-days' });
      for (let i = 0; i < days.length; i += 200)
        await tx.insert(WorkCalendarDay, days.slice(i, i + 200));
      await this.audit.record(tx, {
        action: 'calendar.seeded',
        entity: 'work_calendar',
        entityId: year,
        ...(actor ? { actorId: actor.userId } : { actorId: null, actorLabel: 'system' }),
        before: before ? { source: before.source } : undefined,
        after: { source: 'chinese-days', days: days.length },
      });
      return days.length;
    };
    return m ? run(m) : transactionWithRetry(this.ds, run);
  }

  /**
   * Adds or changes one day by hand: a holiday, or an adjusted working day (a Saturday or Sunday only).
   * An absent year is created; the year's source becomes `manual`. Audited.
   */
  async setDay(actor: Actor, input: CalendarDayInput): Promise<WorkCalendarDay> {
    const { date, kind } = input;
    const name = (input.name ?? '').trim().slice(0, 64);
    if (
      !isIsoDate(date) ||
      !['holiday', 'workday'].includes(kind) ||
      (kind === 'workday' && ![0, 6].includes(weekday(date)))
    )
      throw FundingError.error('calendar_invalid', { date, kind });
    const year = Number(date.slice(0, 4));
    return transactionWithRetry(this.ds, async (m) => {
      const before = await m.findOneBy(WorkCalendarDay, { date });
      await this.touchYear(m, year);
      if (before) await m.update(WorkCalendarDay, { date }, { kind, name });
      else await m.insert(WorkCalendarDay, { date, kind, name });
      await this.audit.record(m, {
        action: 'calendar.day_set',
        entity: 'work_calendar',
        entityId: year,
        actorId: actor.userId,
        before: before ? { date, kind: before.kind, name: before.name } : undefined,
        after: { date, kind, name },
      });
      return m.findOneByOrFail(WorkCalendarDay, { date });
    });
  }

  /** Removes a listed day by hand (it becomes an ordinary weekday or weekend day); audited. */
  async removeDay(actor: Actor, date: string): Promise<void> {
    if (!isIsoDate(date)) throw FundingError.error('calendar_invalid', { date });
    await transactionWithRetry(this.ds, async (m) => {
      const before = await m.findOneBy(WorkCalendarDay, { date });
      if (!before) throw AppException.notFound();
      await m.delete(WorkCalendarDay, { date });
      await this.touchYear(m, Number(date.slice(0, 4)));
      await this.audit.record(m, {
        action: 'calendar.day_removed',
        entity: 'work_calendar',
        entityId: Number(date.slice(0, 4)),
        actorId: actor.userId,
        before: { date, kind: before.kind, name: before.name },
      });
    });
  }

  /** A hand edit: the year exists from now on, and is no longer the package's arrangement as shipped. */
  private async touchYear(m: EntityManager, year: number): Promise<void> {
    const found = await m.findOneBy(WorkCalendarYear, { year });
    if (!found) await m.insert(WorkCalendarYear, { year, source: 'manual' });
    else if (found.source !== 'manual')
      await m.update(WorkCalendarYear, { year }, { source: 'manual' });
  }

  private async clearYear(m: EntityManager, year: number): Promise<void> {
    const days = await m.findBy(WorkCalendarDay, { date: MoreThanOrEqual(`${year}-01-01`) });
    const mine = days.filter((d) => d.date.startsWith(`${year}-`)).map((d) => d.date);
    for (let i = 0; i < mine.length; i += 200)
      await m.delete(WorkCalendarDay, mine.slice(i, i + 200));
  }
}

/**
 * The demo's calendar: every year `chinese-days` covers from last year on (so periods published now
 * are counted on the official arrangement), inside the seed's transaction.
 */
export async function seedWorkCalendar(m: EntityManager, now: Date): Promise<void> {
  const ds = managerAsDataSource(m);
  const service = new WorkCalendarService(ds, new AuditService(ds));
  const from = Number(formatShanghaiDate(now).slice(0, 4)) - 1;
  for (const year of chineseDaysYears().filter((y) => y >= from))
    if (!(await m.existsBy(WorkCalendarYear, { year }))) await service.seedYear(null, year, m);
}
