import { EntityManager } from 'typeorm';
import { Locale } from '@gv/core';
import { Notification } from './entities/notification.entity';
import { NotificationEvent } from './notification-events';

export interface NotificationRecipient {
  userId?: number | null;
  email: string;
  locale: Locale;
}

/** Manager-scoped record of rows written in this transaction, dispatched after commit. */
export const OUTBOX_AFTER_COMMIT = 'gvOutboxIds';

/**
 * The one call features make: writes one outbox row per recipient in the caller's transaction.
 * `ids` identify what the event is about (ids only). The dedupe key is event + ids + recipient
 * unless `dedupeKey` is given, so a repeated emit writes nothing.
 */
export async function notify(
  manager: EntityManager,
  event: NotificationEvent,
  recipients: NotificationRecipient[],
  ids: Record<string, number | string>,
  options: { dedupeKey?: string } = {},
): Promise<void> {
  const idPart = Object.keys(ids).sort().map((k) => `${k}=${ids[k]}`).join('&');
  for (const r of recipients) {
    const who = r.userId ? `u${r.userId}` : r.email.toLowerCase();
    const dedupeKey = `${event}|${options.dedupeKey ?? idPart}|${who}`.slice(0, 191);
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(Notification)
      .values({ event, recipientUserId: r.userId ?? null, recipientEmail: r.email, locale: r.locale, payload: JSON.stringify(ids), dedupeKey, status: 'pending', attempts: 0 })
      .orIgnore()
      .execute();
    const data = manager.queryRunner?.data as Record<string, number[]> | undefined;
    const id = result.identifiers[0]?.['id'] as number | undefined;
    if (data && id) (data[OUTBOX_AFTER_COMMIT] ??= []).push(id);
  }
}
