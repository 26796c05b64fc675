import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError } from 'bullmq';
import { Brackets, DataSource, In } from 'typeorm';
import { AppConfig } from '@gv/config';
import { Locale } from '@gv/core';
import { I18n } from '@gv/i18n';
import { isPermanentMailError, MailDriver, MailTemplates, RenderedMail } from '@gv/mail';
import { JobHandler, JobName, JOB_RETRY } from '@gv/queue';
import { NotificationOptOut } from './entities/notification-opt-out.entity';
import { Notification, NotificationStatus } from './entities/notification.entity';
import { NotificationContent } from './notification-content.registry';
import { NotificationEvent, OPTIONAL_EVENTS } from './notification-events';
import { MicroBatch } from './micro-batch.util';
import { GENERIC_TEMPLATE, notificationMessageId } from './outbox.constants';

/** Thrown when another worker holds a fresh claim on the row: BullMQ retries later (the row ends sent either way). */
export class NotificationBusyError extends Error {}

/**
 * The send job: re-reads the row, claims it with a conditional UPDATE (the `attempts` value read is the
 * fencing token: of two racing workers exactly one claim succeeds), renders by event and recipient locale,
 * sends with a deterministic Message-ID and marks it sent — only while it still owns the claim.
 *
 * A worker killed after the SMTP server accepted a message but before the row was marked sent leaves the row
 * `sending`; it is re-sent after NOTIFY_CLAIM_SECONDS (same Message-ID). That window is the one unavoidable
 * at-least-once gap at the SMTP boundary.
 */
@Injectable()
export class NotificationSender {
  private readonly logger = new Logger('NotificationSender');
  /** Rows read by the send jobs running at the same moment: one SELECT … IN for all of them. */
  private readonly reads = new MicroBatch<number, Notification | null>(async (ids) => {
    const found = await this.ds.getRepository(Notification).findBy({ id: In([...new Set(ids)]) });
    return new Map(found.map((r) => [r.id, r]));
  }, 100, null);
  /** "Sent" marks of the jobs finishing at the same moment: one UPDATE per claim token (almost always 1). */
  private readonly sentMarks = new MicroBatch<{ id: number; token: number }, void>(async (claims) => {
    const sentAt = new Date();
    const byToken = new Map<number, number[]>();
    for (const c of claims) byToken.set(c.token, [...(byToken.get(c.token) ?? []), c.id]);
    for (const [token, ids] of byToken) {
      await this.ds
        .getRepository(Notification)
        .createQueryBuilder()
        .update(Notification)
        .set({ status: 'sent', sentAt, lastError: null })
        .where('id IN (:...ids) AND attempts = :token AND status = :sending', { ids, token, sending: 'sending' })
        .execute();
    }
  }, 100);

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly config: AppConfig,
    private readonly mail: MailDriver,
    private readonly templates: MailTemplates,
    private readonly content: NotificationContent,
    private readonly i18n: I18n,
  ) {}

  @JobHandler(JobName.SendNotification)
  async send({ notificationId }: { notificationId: number }, meta: { attempt: number } = { attempt: 1 }): Promise<void> {
    const repo = this.ds.getRepository(Notification);
    const row = await this.reads.call(notificationId);
    // A job run again after "sent" was stored (stalled, retried after a failed hook) finishes the after-sent work.
    if (row?.status === 'sent' && this.content.hasSentHook(row.event)) return this.afterSent(row);
    if (!row || row.status === 'sent' || row.status === 'failed' || row.status === 'skipped') return;
    const now = new Date();
    const staleBefore = new Date(now.getTime() - this.config.NOTIFY_CLAIM_SECONDS * 1000);
    if (row.status === 'sending' && row.claimedAt && row.claimedAt >= staleBefore) {
      throw new NotificationBusyError(`notification ${row.id} is being sent by another worker`);
    }
    const token = row.attempts + 1;
    const claim = await repo
      .createQueryBuilder()
      .update(Notification)
      .set({ status: 'sending', claimedAt: now, attempts: token })
      .where('id = :id AND attempts = :seen', { id: row.id, seen: row.attempts })
      .andWhere(
        new Brackets((w) =>
          w.where('status = :pending', { pending: 'pending' }).orWhere('status = :sending AND claimedAt < :staleBefore', { sending: 'sending', staleBefore }),
        ),
      )
      .execute();
    if (!claim.affected) return; // another worker claimed it first; it finishes the row

    if (OPTIONAL_EVENTS.has(row.event as NotificationEvent) && row.recipientUserId) {
      const optedOut = await this.ds.getRepository(NotificationOptOut).existsBy({ userId: row.recipientUserId, event: row.event });
      if (optedOut) {
        await this.finish(row.id, token, 'skipped', { lastError: null });
        return;
      }
    }

    let rendered: RenderedMail;
    try {
      rendered = await this.render(row);
    } catch (err) {
      const message = `render: ${(err as Error).message}`.slice(0, 2000);
      await this.finish(row.id, token, 'failed', { lastError: message });
      throw new UnrecoverableError(message);
    }

    try {
      await this.mail.send({ to: row.recipientEmail, ...rendered, messageId: notificationMessageId(row.id) });
    } catch (err) {
      const message = describeMailError(err);
      const permanent = isPermanentMailError(err);
      const last = meta.attempt >= JOB_RETRY[JobName.SendNotification].attempts;
      if (permanent || last) {
        await this.finish(row.id, token, 'failed', { lastError: message });
        this.logger.warn({ notificationId: row.id, attempt: meta.attempt, err: message }, 'notification failed');
        if (permanent) throw new UnrecoverableError(message);
      } else {
        // Back to pending (claim released) until BullMQ's backoff runs the job again.
        await this.finish(row.id, token, 'pending', { lastError: message, claimedAt: null });
      }
      throw err;
    }
    // Same condition as finish(): only while this worker still owns the claim; awaited before the job completes.
    await this.sentMarks.call({ id: row.id, token });
    // Only if this worker's "sent" mark applied (a lost claim means another worker owns the row now).
    if (this.content.hasSentHook(row.event) && (await repo.existsBy({ id: row.id, status: 'sent', attempts: token }))) await this.afterSent(row);
  }

  /** A failing hook fails the job: BullMQ retries it, finds the row sent and runs the (idempotent) hook again. */
  private async afterSent(row: Notification): Promise<void> {
    const ids = JSON.parse(row.payload) as Record<string, number | string>;
    await this.content.afterSent(row.event, { ids, manager: this.ds.manager });
  }

  /** Writes the outcome only while this worker still owns the claim (status sending, same attempts). */
  private async finish(id: number, token: number, status: NotificationStatus, extra: Partial<Notification>): Promise<void> {
    await this.ds
      .getRepository(Notification)
      .createQueryBuilder()
      .update(Notification)
      .set({ status, ...extra })
      .where('id = :id AND attempts = :token AND status = :sending', { id, token, sending: 'sending' })
      .execute();
  }

  /** Subject, HTML and text of a row's email: the event's templates, else the generic one, in the row's locale. */
  async render(row: Notification): Promise<RenderedMail> {
    const locale: Locale = row.locale === 'en' ? 'en' : 'zh-CN';
    const ids = JSON.parse(row.payload) as Record<string, number | string>;
    const extra = await this.content.load(row.event, { ids, locale, recipientUserId: row.recipientUserId, manager: this.ds.manager });
    const base = this.config.PUBLIC_URL.replace(/\/$/, '');
    const path = extra.link ?? '/inbox';
    const data = {
      title: this.i18n.t(locale, `notifications.events.${row.event}`),
      ids,
      email: row.recipientEmail,
      ...extra,
      link: /^https?:\/\//.test(path) ? path : `${base}${path}`,
    };
    return this.templates.render(this.templates.has(row.event, locale) ? row.event : GENERIC_TEMPLATE, locale, data);
  }
}

function describeMailError(err: unknown): string {
  const e = err as { code?: string; responseCode?: number; message?: string };
  return [e.responseCode, e.code, e.message].filter((x) => x !== undefined && x !== '').join(' ').slice(0, 2000) || String(err);
}
