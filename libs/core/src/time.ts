/** All dates are stored as UTC instants and shown in Asia/Shanghai (UTC+8, no DST). */
export const TIME_ZONE = 'Asia/Shanghai';

const dateTimeFmt = new Intl.DateTimeFormat('sv-SE', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const dateFmt = new Intl.DateTimeFormat('sv-SE', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** 2026-11-29 20:00 (Shanghai wall-clock). */
export function formatShanghai(d: Date | string | null | undefined): string {
  if (!d) return '';
  const date = new Date(d);
  return fixedOffset(date)?.slice(0, 16).replace('T', ' ') ?? dateTimeFmt.format(date);
}
export function formatShanghaiDate(d: Date | string | null | undefined): string {
  if (!d) return '';
  const date = new Date(d);
  return fixedOffset(date)?.slice(0, 10) ?? dateFmt.format(date);
}

/** Shanghai has kept UTC+8 all year since 1992 (its last DST ended in 1991). */
const FIXED_SINCE = Date.UTC(1992, 0, 1);
const FIXED_UNTIL = Date.UTC(10000, 0, 1) - 8 * 3600_000;

/**
 * The Shanghai wall-clock time as `YYYY-MM-DDTHH:mm…` by arithmetic (Intl formatting is the costliest
 * part of a list page); undefined outside the fixed-offset years, which Intl then formats.
 */
function fixedOffset(date: Date): string | undefined {
  const t = date.getTime();
  if (!(t >= FIXED_SINCE && t < FIXED_UNTIL)) return undefined;
  return new Date(t + 8 * 3600_000).toISOString();
}

/** Parses "YYYY-MM-DD" or "YYYY-MM-DDTHH:mm" as Shanghai wall-clock time. */
export function parseShanghai(local: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(local.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', s = '00'] = m;
  const ms = Date.UTC(+y, +mo - 1, +d, +h - 8, +mi, +s);
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) || formatShanghaiDate(date) !== `${y}-${mo}-${d}`
    ? undefined
    : date;
}

/** The server clock; replace in tests to fix time. */
export abstract class Clock {
  abstract now(): Date;
}
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
