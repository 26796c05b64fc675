import { SetMetadata } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotificationRecipient } from '../notify';
import { NotificationEvent } from '../notification-events';

/** One reminder that is due now. */
export interface DueReminder {
  /**
   * Unique and stable per reminder occurrence, e.g. `proposal.deadline|call=3|org=12|-48h`.
   * A key goes out once, ever (table reminder_sent). At most 191 characters.
   */
  key: string;
  event: NotificationEvent;
  recipients: NotificationRecipient[];
  ids: Record<string, number | string>;
}

/**
 * "Remind X before/after a date": derives what is due from database state. Stateless: the sweep records
 * what was sent, so a provider may return the same reminder on every run.
 * Register with `@ReminderSource()` on a Nest provider (discovered at boot) or `ReminderRegistry.register()`.
 */
export interface ReminderProvider {
  /** Stable name, stored with each sent reminder. */
  readonly name: string;
  findDue(manager: EntityManager, now: Date): Promise<DueReminder[]>;
}

export const REMINDER_SOURCE = 'gv:reminder-source';

/** Marks a Nest provider class implementing ReminderProvider; the registry picks it up at boot. */
export const ReminderSource = () => SetMetadata(REMINDER_SOURCE, true);

export const HOUR_MS = 3600_000;

/**
 * Which offset of `at` is due now: the latest offset whose moment (at + offset) has passed, or undefined.
 * Negative offsets are "before" (e.g. [-48 h, -24 h] before a deadline) and stop being due once `at` has
 * passed; non-negative ones are "after" (overdue alerts). Only the latest is returned, so a sweep that
 * first runs 20 h before a deadline sends the 24 h reminder, not both.
 */
export function dueOffset(at: Date, offsetsMs: readonly number[], now: Date): number | undefined {
  const t = now.getTime();
  const passed = offsetsMs.filter((o) => at.getTime() + o <= t && (o >= 0 || t < at.getTime()));
  return passed.length ? Math.max(...passed) : undefined;
}

/** `-48h`, `24h`: the offset as it appears in reminder keys. */
export const offsetLabel = (offsetMs: number) =>
  `${offsetMs < 0 ? '-' : ''}${Math.round(Math.abs(offsetMs) / HOUR_MS)}h`;
