import type { CalendarPart } from './mail-templates';
export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Deterministic Message-ID (e.g. per outbox row), so a resend is recognisable as the same message. */
  messageId?: string;
  headers?: Record<string, string>;
  /** Nodemailer's calendar part (METHOD, file name, iCalendar text). */
  icalEvent?: CalendarPart;
}

export interface SentMail {
  messageId: string;
  /** Where it went: a file path (file driver) or the SMTP server's reply. */
  info: string;
}

/** Where mail goes: SMTP in production, .eml files under var/mail in embedded mode. */
export abstract class MailDriver {
  abstract send(mail: OutgoingMail): Promise<SentMail>;
  abstract close(): Promise<void>;
}
