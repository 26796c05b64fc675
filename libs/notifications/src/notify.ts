import { EntityManager, In } from 'typeorm';
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

/** Rows per INSERT statement (well under SQLite's bound-parameter limit). */
const INSERT_CHUNK = 500;

/**
 * The one call features make: writes one outbox row per recipient in the caller's transaction.
 * `ids` identify what the event is about (ids only). The dedupe key is event + ids + recipient
 * unless `dedupeKey` is given, so a repeated emit writes nothing.
 *
 * One multi-row INSERT … IGNORE per call (not one per recipient), then the ids of the still-pending rows
 * with those keys are recorded for dispatch after commit. That may include a pending row an earlier emit
 * wrote: dispatching it again is harmless (same jobId; the sender claims each row exactly once).
 */
export async function notify(
  manager: EntityManager,
  event: NotificationEvent,
  recipients: NotificationRecipient[],
  ids: Record<string, number | string>,
  options: { dedupeKey?: string } = {},
): Promise<void> {
  // Rows written outside a transaction would never be dispatched (the after-commit hook never runs):
  // the mail would wait for the sweep. Every caller writes its change and its notification together.
  if (!manager.queryRunner?.isTransactionActive)
    throw new Error(
      `notify(${event}) needs the manager of an open transaction: call it inside ds.transaction(…)`,
    );
  const idPart = Object.keys(ids)
    .sort()
    .map((k) => `${k}=${ids[k]}`)
    .join('&');
  const payload = JSON.stringify(ids);
  const byKey = new Map<string, Partial<Notification>>();
  for (const r of recipients) {
    const who = r.userId ? `u${r.userId}` : r.email.toLowerCase();
    const dedupeKey = `${event}|${options.dedupeKey ?? idPart}|${who}`.slice(0, 191);
    if (!byKey.has(dedupeKey))
      byKey.set(dedupeKey, {
        event,
        recipientUserId: r.userId ?? null,
        recipientEmail: r.email,
        locale: r.locale,
        payload,
        dedupeKey,
        status: 'pending',
        attempts: 0,
      });
  }
  const rows = [...byKey.values()];
  const data = manager.queryRunner?.data as Record<string, number[]> | undefined;
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK);
    await manager
      .createQueryBuilder()
      .insert()
      .into(Notification)
      .values(chunk)
      .orIgnore()
      .updateEntity(false)
      .execute();
    if (!data) continue;
    const written = await manager.getRepository(Notification).find({
      select: { id: true },
      where: { dedupeKey: In(chunk.map((r) => r.dedupeKey as string)), status: 'pending' },
    });
    (data[OUTBOX_AFTER_COMMIT] ??= []).push(...written.map((w) => w.id));
  }
}
