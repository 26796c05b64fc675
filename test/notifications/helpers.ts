import { DataSource } from 'typeorm';
import { User } from '@gv/accounts';
import { Locale } from '@gv/core';
import {
  Notification,
  NotificationEvent,
  NotificationRecipient,
  notify,
  OUTBOX_AFTER_COMMIT,
} from '@gv/notifications';
import { parseMail, SunkMail } from '@gv/testing';

export const ADMIN = 'admin@dongguan.example.cn';
export const JUDGE = 'judge@dongguan.example.cn';
export const ORG = 'org@dongguan.example.cn';

/** Polls until `fn` returns a truthy value (or throws after timeoutMs). */
export async function until<T>(
  fn: () => Promise<T | undefined | null | false>,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A seeded user as a recipient; `locale` also updates the account. */
export async function recipient(
  ds: DataSource,
  email: string,
  locale?: Locale,
): Promise<NotificationRecipient> {
  const u = await ds.getRepository(User).findOneByOrFail({ email });
  if (locale && u.locale !== locale) await ds.getRepository(User).update(u.id, { locale });
  return { userId: u.id, email: u.email, locale: locale ?? u.locale };
}

/** Emits like a feature does: inside a transaction (dispatched after commit). */
export function emit(
  ds: DataSource,
  event: NotificationEvent,
  recipients: NotificationRecipient[],
  ids: Record<string, number | string>,
) {
  return ds.transaction((m) => notify(m, event, recipients, ids));
}

/** Writes outbox rows without the after-commit dispatch: what a crash between commit and enqueue leaves. */
export function emitWithoutDispatch(
  ds: DataSource,
  event: NotificationEvent,
  recipients: NotificationRecipient[],
  ids: Record<string, number | string>,
) {
  return ds.transaction(async (m) => {
    await notify(m, event, recipients, ids);
    // The process "dies" after commit, before the after-commit dispatch enqueues anything.
    delete (m.queryRunner!.data as Record<string, unknown>)[OUTBOX_AFTER_COMMIT];
  });
}

export function messageIdOf(mail: SunkMail): string {
  return /^Message-ID:\s*(<[^>]+>)/im.exec(mail.raw)?.[1] ?? '';
}

/** Outbox row id from the deterministic Message-ID `<notification-<id>@gongyi-venture>`. */
export function rowIdOf(mail: SunkMail): number {
  return Number(/<notification-(\d+)@gongyi-venture>/.exec(messageIdOf(mail))?.[1] ?? NaN);
}

export async function subjects(mails: SunkMail[]): Promise<string[]> {
  return Promise.all(mails.map(async (m) => (await parseMail(m.raw)).subject ?? ''));
}

export function rows(ds: DataSource): Promise<Notification[]> {
  return ds.getRepository(Notification).find({ order: { id: 'ASC' } });
}
