import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { CalendarPart } from '@gv/mail';
import { TIME_ZONE } from '@gv/core';

/** Asia/Shanghai has kept UTC+8 without daylight saving since 1991: one fixed STANDARD component. */
const VTIMEZONE_SHANGHAI = [
  'BEGIN:VTIMEZONE',
  'TZID:Asia/Shanghai',
  'BEGIN:STANDARD',
  'DTSTART:19700101T000000',
  'TZOFFSETFROM:+0800',
  'TZOFFSETTO:+0800',
  'TZNAME:CST',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

export interface CalendarEventInput {
  /** Stable per pitch or per session: the same UID across updates and the cancellation. */
  uid: string;
  /** The schedule's version: a later publish has a higher SEQUENCE. */
  sequence: number;
  /** Asia/Shanghai wall clock "YYYY-MM-DDTHH:mm". */
  start: string;
  end: string;
  summary: string;
  location: string;
  description: string;
  url: string;
}

/**
 * An iCalendar (RFC 5545) REQUEST or CANCEL with every time in TZID Asia/Shanghai and its VTIMEZONE,
 * as nodemailer's calendar part (RFC 6047: text/calendar; method=… plus an .ics file).
 */
export function roadshowCalendar(
  method: 'REQUEST' | 'CANCEL',
  organizer: { name: string; email: string },
  attendee: { name: string; email: string },
  events: CalendarEventInput[],
): CalendarPart {
  const cal = ical({
    prodId: { company: 'gongyi-venture', product: 'roadshow', language: 'ZH' },
    method: method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    timezone: { name: TIME_ZONE, generator: () => VTIMEZONE_SHANGHAI },
  });
  for (const e of events)
    cal.createEvent({
      id: e.uid,
      sequence: e.sequence,
      timezone: TIME_ZONE,
      start: `${e.start}:00`,
      end: `${e.end}:00`,
      summary: e.summary,
      location: e.location,
      description: e.description,
      url: e.url,
      status: method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      organizer,
      attendees: [{ name: attendee.name, email: attendee.email, rsvp: false }],
    });
  return {
    method,
    filename: method === 'CANCEL' ? 'roadshow-cancel.ics' : 'roadshow.ics',
    content: cal.toString(),
  };
}
