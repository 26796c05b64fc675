import { randomBytes } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError } from 'bullmq';
import { Brackets, DataSource, In } from 'typeorm';
import { AppConfig } from '@gv/config';
import { Locale } from '@gv/core';
import { I18n } from '@gv/i18n';
import {
  CalendarPart,
  isPermanentMailError,
  MailDriver,
  MailTemplates,
  RenderedMail,
} from '@gv/mail';
import { JobHandler, JobName, JOB_RETRY } from '@gv/queue';
import { NotificationOptOut } from './entities/notification-opt-out.entity';
import { Notification, NotificationStatus } from './entities/notification.entity';
import { NotificationContent, NotificationContentInput } from './notification-content.registry';
import { NotificationEvent, OPTIONAL_EVENTS } from './notification-events';
import { MicroBatch } from './micro-batch.util';
import { GENERIC_TEMPLATE, notificationMessageId } from './outbox.constants';

/** Thrown when another worker holds a fresh claim on the row: BullMQ retries later (the row ends sent either way). */
export class NotificationBusyError extends Error {}

/**
 * How long a claim waits for the claims of other jobs starting just after it: BullMQ hands jobs to the
 * MAIL_CONCURRENCY slots one by one, so batches of "the same tick" held 2–3 rows; a few ms gather most slots.
 */
const CLAIM_GATHER_MS = 3; // also used for the "sent" marks

/** What a job learns from the batch claim: the row it won (with its claim token), or the row as another owner left it. */
type ClaimResult =
  | { won: true; row: Notification; token: string; optedOut: boolean }
  | { won: false; row: Notification | null; token: string };

/** A loader's data, or its error (one failing load must not fail the others of its batch). */
type Loaded =
  { ok: true; data: Record<string, unknown> & { link?: string } } | { ok: false; err: unknown };

/**
 * The send job: claims its row, renders by event and recipient locale, sends with a deterministic
 * Message-ID and marks it sent — only while it still owns the claim.
 *
 * The jobs running at the same moment claim their rows together: one conditional UPDATE sets `sending`, a
 * fresh random `claimToken` and attempts + 1 on the rows still pending (or whose claim is older than
 * NOTIFY_CLAIM_SECONDS), then one SELECT reads them back; a row carrying this token is won, exactly one
 * of two racing workers (or of two jobs for one row in the same batch) wins it. Every later write
 * ("sent", "failed", back to "pending") is conditional on that token.
 *
 * A worker killed after the SMTP server accepted a message but before the row was marked sent leaves the row
 * `sending`; it is re-sent after NOTIFY_CLAIM_SECONDS (same Message-ID). That window is the one unavoidable
 * at-least-once gap at the SMTP boundary.
 */
@Injectable()
export class NotificationSender {
  private readonly logger = new Logger('NotificationSender');
  /** Claims of the send jobs starting at the same moment: one UPDATE + one SELECT (+ one opt-out SELECT) for all. */
  private readonly claims = new MicroBatch<{ id: number }, ClaimResult>(
    (calls) => this.claimBatch(calls),
    100,
    undefined,
    CLAIM_GATHER_MS,
  );
  /** Template data of the rows rendered at the same moment: one load per distinct event, ids and locale. */
  private readonly loads = new MicroBatch<string, Loaded>(async (keys) => {
    const out = new Map<string, Loaded>();
    await Promise.all(
      [...new Set(keys)].map(async (key) => {
        const input = this.loadInputs.get(key);
        this.loadInputs.delete(key);
        try {
          if (!input) throw new Error(`no content input for ${key}`);
          out.set(key, { ok: true, data: await this.content.load(input.event, input) });
        } catch (err) {
          out.set(key, { ok: false, err });
        }
      }),
    );
    return out;
  }, 100);
  private readonly loadInputs = new Map<string, NotificationContentInput & { event: string }>();
  /** "Sent" marks of the jobs finishing at the same moment: one UPDATE per claim token (almost always 1). */
  private readonly sentMarks = new MicroBatch<{ id: number; token: string }, void>(
    async (claims) => {
      const sentAt = new Date();
      const byToken = new Map<string, number[]>();
      for (const c of claims) byToken.set(c.token, [...(byToken.get(c.token) ?? []), c.id]);
      for (const [token, ids] of byToken) {
        await this.ds
          .getRepository(Notification)
          .createQueryBuilder()
          .update(Notification)
          .set({ status: 'sent', sentAt, lastError: null })
          .where('id IN (:...ids) AND claimToken = :token AND status = :sending', {
            ids,
            token,
            sending: 'sending',
          })
          .execute();
      }
    },
    100,
    undefined,
    CLAIM_GATHER_MS,
  );
  /** Inbox titles per event and locale (static message bundles). */
  private readonly titles = new Map<string, string>();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly config: AppConfig,
    private readonly mail: MailDriver,
    private readonly templates: MailTemplates,
    private readonly content: NotificationContent,
    private readonly i18n: I18n,
  ) {}

  @JobHandler(JobName.SendNotification)
  async send(
    { notificationId }: { notificationId: number },
    meta: { attempt: number } = { attempt: 1 },
  ): Promise<void> {
    const claim = await this.claims.call({ id: notificationId });
    if (!claim.won) {
      const row = claim.row;
      // A job run again after "sent" was stored (stalled, retried after a failed hook) finishes the after-sent work.
      if (row?.status === 'sent' && this.content.hasSentHook(row.event)) return this.afterSent(row);
      // Held by another worker's fresh claim: BullMQ retries later (and then finds it done). A row of this very
      // batch (a second job for it in the same moment) is this worker's: nothing left to do.
      if (row?.status === 'sending' && row.claimToken !== claim.token) {
        throw new NotificationBusyError(`notification ${row.id} is being sent by another worker`);
      }
      return; // unknown, done (sent, failed, skipped) or pending again after a race: another job handles it
    }
    const { row, token } = claim;

    if (claim.optedOut) {
      await this.finish(row.id, token, 'skipped', { lastError: null });
      return;
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
      await this.mail.send({
        to: row.recipientEmail,
        ...rendered,
        messageId: notificationMessageId(row.id),
      });
    } catch (err) {
      const message = describeMailError(err);
      const permanent = isPermanentMailError(err);
      const last = meta.attempt >= JOB_RETRY[JobName.SendNotification].attempts;
      if (permanent || last) {
        await this.finish(row.id, token, 'failed', { lastError: message });
        this.logger.warn(
          { notificationId: row.id, attempt: meta.attempt, err: message },
          'notification failed',
        );
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
    if (
      this.content.hasSentHook(row.event) &&
      (await this.ds
        .getRepository(Notification)
        .existsBy({ id: row.id, status: 'sent', claimToken: token }))
    ) {
      await this.afterSent(row);
    }
  }

  /**
   * One claim for all jobs of the batch: conditional UPDATE under a new token, then the rows read back. Of
   * several jobs for one row in the batch, only the first wins it.
   */
  private async claimBatch(
    calls: Array<{ id: number }>,
  ): Promise<Map<{ id: number }, ClaimResult>> {
    const ids = [...new Set(calls.map((c) => c.id))];
    const token = randomBytes(16).toString('hex');
    const now = new Date();
    const staleBefore = new Date(now.getTime() - this.config.NOTIFY_CLAIM_SECONDS * 1000);
    const repo = this.ds.getRepository(Notification);
    await repo
      .createQueryBuilder()
      .update(Notification)
      .set({ status: 'sending', claimedAt: now, claimToken: token, attempts: () => 'attempts + 1' })
      .where('id IN (:...ids)', { ids })
      .andWhere(
        new Brackets((w) =>
          w
            .where('status = :pending', { pending: 'pending' })
            .orWhere('status = :sending AND claimedAt < :staleBefore', {
              sending: 'sending',
              staleBefore,
            }),
        ),
      )
      .execute();
    const rows = new Map((await repo.findBy({ id: In(ids) })).map((r) => [r.id, r]));
    const won = [...rows.values()].filter((r) => r.claimToken === token && r.status === 'sending');
    const optedOut = await this.optedOut(won);
    const results = new Map<{ id: number }, ClaimResult>();
    const taken = new Set<number>();
    for (const c of calls) {
      const row = rows.get(c.id) ?? null;
      if (row && row.claimToken === token && row.status === 'sending' && !taken.has(row.id)) {
        taken.add(row.id);
        results.set(c, { won: true, row, token, optedOut: optedOut.has(row.id) });
      } else {
        results.set(c, { won: false, row, token });
      }
    }
    return results;
  }

  /** Ids of the rows whose recipient switched their (optional) event off: one query for the batch. */
  private async optedOut(rows: Notification[]): Promise<Set<number>> {
    const optional = rows.filter(
      (r) => OPTIONAL_EVENTS.has(r.event as NotificationEvent) && r.recipientUserId,
    );
    if (!optional.length) return new Set();
    const offs = await this.ds.getRepository(NotificationOptOut).findBy({
      userId: In([...new Set(optional.map((r) => r.recipientUserId as number))]),
      event: In([...new Set(optional.map((r) => r.event))]),
    });
    const off = new Set(offs.map((o) => `${o.userId}|${o.event}`));
    return new Set(
      optional.filter((r) => off.has(`${r.recipientUserId}|${r.event}`)).map((r) => r.id),
    );
  }

  /** A failing hook fails the job: BullMQ retries it, finds the row sent and runs the (idempotent) hook again. */
  private async afterSent(row: Notification): Promise<void> {
    const ids = JSON.parse(row.payload) as Record<string, number | string>;
    await this.content.afterSent(row.event, { ids, manager: this.ds.manager });
  }

  /** Writes the outcome only while this worker still owns the claim (status sending, same claim token). */
  private async finish(
    id: number,
    token: string,
    status: NotificationStatus,
    extra: Partial<Notification>,
  ): Promise<void> {
    await this.ds
      .getRepository(Notification)
      .createQueryBuilder()
      .update(Notification)
      .set({ status, ...extra })
      .where('id = :id AND claimToken = :token AND status = :sending', {
        id,
        token,
        sending: 'sending',
      })
      .execute();
  }

  /** Subject, HTML and text of a row's email: the event's templates, else the generic one, in the row's locale. */
  async render(row: Notification): Promise<RenderedMail> {
    const locale: Locale = row.locale === 'en' ? 'en' : 'zh-CN';
    const ids = JSON.parse(row.payload) as Record<string, number | string>;
    const key = this.content.cacheKey(row.event, row.payload, locale, row.recipientUserId);
    if (!this.loadInputs.has(key))
      this.loadInputs.set(key, {
        event: row.event,
        ids,
        locale,
        recipientUserId: row.recipientUserId,
        manager: this.ds.manager,
      });
    const loaded = await this.loads.call(key);
    if (!loaded.ok) throw loaded.err;
    const extra = loaded.data;
    const path = extra.link ?? '/inbox';
    const data = {
      title: this.title(row.event, locale),
      ids,
      email: row.recipientEmail,
      ...extra,
      link: /^https?:\/\//.test(path)
        ? path
        : `${this.config.PUBLIC_URL.replace(/\/$/, '')}${path}`,
    };
    const rendered = this.templates.render(
      this.templates.has(row.event, locale) ? row.event : GENERIC_TEMPLATE,
      locale,
      data,
    );
    const calendar = (extra as { calendar?: CalendarPart }).calendar;
    return calendar ? { ...rendered, icalEvent: calendar } : rendered;
  }

  private title(event: string, locale: Locale): string {
    const key = `${locale}|${event}`;
    let t = this.titles.get(key);
    if (t === undefined) {
      t = this.i18n.t(locale, `notifications.events.${event}`);
      this.titles.set(key, t);
    }
    return t;
  }
}

function describeMailError(err: unknown): string {
  const e = err as { code?: string; responseCode?: number; message?: string };
  return (
    [e.responseCode, e.code, e.message]
      .filter((x) => x !== undefined && x !== '')
      .join(' ')
      .slice(0, 2000) || String(err)
  );
}
