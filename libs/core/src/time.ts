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
  return dateTimeFmt.format(new Date(d));
}
export function formatShanghaiDate(d: Date | string | null | undefined): string {
  if (!d) return '';
  return dateFmt.format(new Date(d));
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
