import { INestApplicationContext } from '@nestjs/common';
import { AuditLog } from '@gv/audit';
import { I18n } from '@gv/i18n';
import { MailTemplates } from '@gv/mail';
import {
  DueReminder,
  InboxService,
  Notification,
  NotificationEvent,
  NotificationSender,
  OutboxDispatcher,
  ReminderProvider,
  ReminderRegistry,
  ReminderSent,
  ReminderSweep,
} from '@gv/notifications';
import {
  bearer,
  createTestApp,
  createTestWorker,
  parseMail,
  resetDatabase,
  SmtpSink,
  TestApp,
  clearNotifications,
} from '@gv/testing';
import {
  ADMIN,
  emit,
  emitWithoutDispatch,
  JUDGE,
  messageIdOf,
  ORG,
  recipient,
  rowIdOf,
  rows,
  sleep,
  until,
} from './helpers';

const ENV = { NOTIFY_CLAIM_SECONDS: '3', WORKER_STALLED_SECONDS: '3', MAIL_RATE_PER_SECOND: '500' };

describe('notifications: outbox → BullMQ → SMTP (MariaDB + Redis + SMTP sink)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  const smtp = new SmtpSink();

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp({ ...ENV, SMTP_URL: smtp.url });
    worker = await createTestWorker({ ...ENV, SMTP_URL: smtp.url });
  });
  beforeEach(async () => {
    await resetDatabase(t.ds, t.config);
    // The pipeline on its own: the demo's notification history out of the way.
    await clearNotifications(t.ds);
    smtp.messages.length = 0;
    smtp.failWith = undefined;
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await smtp.stop();
  });

  it("sends one email per event and recipient, in the recipient's language, with a deterministic Message-ID", async () => {
    const zh = await recipient(t.ds, JUDGE, 'zh-CN');
    const en = await recipient(t.ds, ORG, 'en');
    // The invitation event is about an invitation, not a proposal (covered by test/e2e/foundation.spec.ts),
    // the password reset about a reset link (test/accounts/password-reset.spec.ts).
    // Roadshow mails are about a pitch or a judge's sessions (covered by test/roadshows/roadshows.spec.ts).
    const events = Object.values(NotificationEvent).filter(
      (e) =>
        e !== NotificationEvent.AccountInvitation &&
        e !== NotificationEvent.PasswordReset &&
        !e.startsWith('roadshow.'),
    );
    for (const [i, e] of events.entries())
      await emit(t.ds, e, [zh, en], { proposalId: 100 + i, callId: 1 });
    const mails = await smtp.waitFor(events.length * 2);
    await sleep(300);
    expect(smtp.messages).toHaveLength(events.length * 2);
    const i18n = t.app.get(I18n);
    const templates = t.app.get(MailTemplates);
    const all = await rows(t.ds);
    expect(all.map((r) => r.status)).toEqual(all.map(() => 'sent'));
    for (const mail of mails) {
      const row = all.find((r) => r.id === rowIdOf(mail))!;
      expect(messageIdOf(mail)).toBe(`<notification-${row.id}@gongyi-venture>`);
      expect(mail.to).toEqual([row.recipientEmail]);
      const parsed = await parseMail(mail.raw);
      expect(parsed.html).toContain(`<html lang="${row.locale}">`);
      const cjk = /[\u4e00-\u9fff]/;
      if (row.locale === 'zh-CN') expect(parsed.subject).toMatch(cjk);
      else expect(parsed.subject).toMatch(/[A-Za-z]{3,} [A-Za-z]{2,}/);
      if (!templates.has(row.event, row.locale))
        expect(parsed.subject).toBe(i18n.t(row.locale, `notifications.events.${row.event}`));
    }
    expect(new Set(mails.map(rowIdOf)).size).toBe(events.length * 2);
  });

  it('turns a repeated emit into one row and one email', async () => {
    const zh = await recipient(t.ds, JUDGE);
    await emit(t.ds, NotificationEvent.ScreeningResult, [zh], { proposalId: 7, callId: 1 });
    await emit(t.ds, NotificationEvent.ScreeningResult, [zh], { proposalId: 7, callId: 1 });
    await t.ds.transaction(async (m) => {
      const { notify } = await import('@gv/notifications');
      await notify(m, NotificationEvent.ScreeningResult, [zh, zh], { proposalId: 7, callId: 1 });
    });
    await smtp.waitFor(1);
    await sleep(1000);
    expect(smtp.messages).toHaveLength(1);
    expect(await t.ds.getRepository(Notification).count()).toBe(1);
    expect(smtp.messages[0].to).toEqual([JUDGE]);
  });

  it('refuses notify() outside a transaction (its rows would never be dispatched) and writes nothing', async () => {
    const zh = await recipient(t.ds, JUDGE);
    const { notify } = await import('@gv/notifications');
    const before = await t.ds.getRepository(Notification).count();
    await expect(
      notify(t.ds.manager, NotificationEvent.ScreeningResult, [zh], { proposalId: 9, callId: 1 }),
    ).rejects.toThrow(/open transaction/);
    expect(await t.ds.getRepository(Notification).count()).toBe(before);
  });

  it('a rolled-back transaction sends nothing', async () => {
    const zh = await recipient(t.ds, JUDGE);
    await expect(
      t.ds.transaction(async (m) => {
        const { notify } = await import('@gv/notifications');
        await notify(m, NotificationEvent.ProposalReturned, [zh], { proposalId: 1, callId: 1 });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await sleep(800);
    expect(smtp.messages).toHaveLength(0);
    expect(await t.ds.getRepository(Notification).count()).toBe(0);
  });

  it('SMTP 550: the row fails with the error, admins see it (API and page), a retry delivers it once (audited)', async () => {
    smtp.failWith = { code: 550, message: 'mailbox unavailable', times: 1 };
    const zh = await recipient(t.ds, JUDGE);
    await emit(t.ds, NotificationEvent.ScreeningResult, [zh], { proposalId: 9, callId: 1 });
    const failed = await until(
      async () =>
        (await t.ds.getRepository(Notification).findOneBy({ status: 'failed' })) ?? undefined,
      15_000,
      'failed row',
    );
    expect(failed.lastError).toMatch(/550/);
    expect(failed.attempts).toBe(1); // permanent: no retry
    expect(smtp.messages).toHaveLength(0);

    const admin = await bearer(t.http, ADMIN);
    const judge = await bearer(t.http, JUDGE);
    const list = await t.http
      .get('/api/v1/admin/notifications?status=failed')
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(list.body).toMatchObject({
      total: 1,
      page: 1,
      items: [{ id: failed.id, status: 'failed', recipientEmail: JUDGE }],
    });
    expect(list.body.items[0].lastError).toMatch(/550/);
    const html = await t.http
      .get('/admin/notifications')
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(html.text).toContain('mailbox unavailable');
    expect(html.text).toContain(`/admin/notifications/${failed.id}/retry`);
    await t.http
      .get('/api/v1/admin/notifications')
      .set('Authorization', `Bearer ${judge}`)
      .expect(403);
    await t.http
      .post(`/api/v1/admin/notifications/${failed.id}/retry`)
      .set('Authorization', `Bearer ${judge}`)
      .expect(403);
    const bad = await t.http
      .post('/api/v1/admin/notifications/abc/retry')
      .set('Authorization', `Bearer ${admin}`)
      .set('Accept-Language', 'en')
      .expect(404);
    expect(bad.body).toMatchObject({
      code: 'notification_not_found',
      message: 'No such notification.',
    });
    await t.http
      .get('/api/v1/admin/notifications?status=sent')
      .set('Authorization', `Bearer ${admin}`)
      .expect(400);

    const retried = await t.http
      .post(`/api/v1/admin/notifications/${failed.id}/retry`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(retried.body.status).toBe('pending');
    await smtp.waitFor(1);
    await until(
      async () =>
        (await t.ds.getRepository(Notification).findOneByOrFail({ id: failed.id })).status ===
        'sent',
      10_000,
      'sent',
    );
    const again = await t.http
      .post(`/api/v1/admin/notifications/${failed.id}/retry`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(409);
    expect(again.body.code).toBe('notification_not_failed');
    await sleep(500);
    expect(smtp.messages).toHaveLength(1);
    expect(
      await t.ds
        .getRepository(AuditLog)
        .countBy({ action: 'notification.retried', entityId: String(failed.id) }),
    ).toBe(1);
  });

  it('the sweep re-enqueues rows left pending by a crash between commit and enqueue, once', async () => {
    const zh = await recipient(t.ds, JUDGE);
    const en = await recipient(t.ds, ORG, 'en');
    await emitWithoutDispatch(t.ds, NotificationEvent.ProposalSubmitted, [zh, en], {
      proposalId: 3,
      callId: 1,
    });
    await sleep(800);
    expect(smtp.messages).toHaveLength(0);
    const dispatcher = t.app.get(OutboxDispatcher);
    // Not yet older than NOTIFY_SWEEP_AFTER_SECONDS: left alone.
    expect(await dispatcher.sweep()).toBe(0);
    const later = new Date(Date.now() + 120_000);
    expect(await dispatcher.sweep({}, undefined, later)).toBe(2);
    await smtp.waitFor(2);
    // Jobs still exist (completed) or rows are sent: sweeping again enqueues nothing new.
    await until(async () => (await rows(t.ds)).every((r) => r.status === 'sent'), 10_000, 'sent');
    expect(await dispatcher.sweep({}, undefined, later)).toBe(0);
    await sleep(500);
    expect(smtp.messages).toHaveLength(2);
  });

  it('two workers racing for one row send it once (conditional claim)', async () => {
    const zh = await recipient(t.ds, JUDGE);
    await emitWithoutDispatch(t.ds, NotificationEvent.ProposalReturned, [zh], {
      proposalId: 5,
      callId: 1,
    });
    const [row] = await rows(t.ds);
    const sender = t.app.get(NotificationSender);
    const results = await Promise.allSettled(
      [1, 2, 3, 4].map(() => sender.send({ notificationId: row.id }, { attempt: 1 })),
    );
    await smtp.waitFor(1);
    await sleep(300);
    expect(smtp.messages).toHaveLength(1);
    expect((await rows(t.ds))[0]).toMatchObject({ status: 'sent', attempts: 1 });
    // Losers either saw the claim taken (done) or found the row busy (BullMQ would retry and then skip it).
    for (const r of results)
      if (r.status === 'rejected') expect(String(r.reason)).toMatch(/being sent by another worker/);
  });

  it("inbox: lists the user's notifications with titles, counts unread in the page header, marks read", async () => {
    const judge = await recipient(t.ds, JUDGE);
    const org = await recipient(t.ds, ORG);
    await emit(t.ds, NotificationEvent.ScreeningResult, [judge, org], { proposalId: 1, callId: 1 });
    await emit(t.ds, NotificationEvent.ProposalReturned, [judge], { proposalId: 2, callId: 1 });
    await emit(t.ds, NotificationEvent.CallPhaseChanged, [judge], { callId: 1 });
    const token = await bearer(t.http, JUDGE);
    const other = await bearer(t.http, ORG);
    const list = await t.http
      .get('/api/v1/inbox?pageSize=2')
      .set('Authorization', `Bearer ${token}`)
      .set('Accept-Language', 'en')
      .expect(200);
    expect(list.body).toMatchObject({ total: 3, pages: 2, pageSize: 2, unread: 3 });
    expect(list.body.items[0]).toMatchObject({
      event: 'call.phase_changed',
      title: 'The competition moved to a new phase',
      read: false,
    });
    const page = await t.http.get('/inbox').set('Authorization', `Bearer ${token}`).expect(200);
    expect(page.text).toContain('<a class="badge" href="/inbox"');
    expect(page.text).toMatch(/class="badge" href="\/inbox"[^>]*>3</);
    expect(page.text).toContain('资格审查结果');
    // An error page of a signed-in user (a judge has no proposal pages) carries it too.
    const missing = await t.http
      .get('/proposals/999999')
      .set('Cookie', `gv_session=${token}`)
      .expect(403);
    expect(missing.text).toMatch(/class="badge" href="\/inbox"[^>]*>3</);

    const orgItem = (
      await t.http.get('/api/v1/inbox').set('Authorization', `Bearer ${other}`).expect(200)
    ).body.items[0];
    await t.http
      .post(`/api/v1/inbox/${orgItem.id}/read`)
      .set('Authorization', `Bearer ${token}`)
      .expect(404);
    await t.http.post('/api/v1/inbox/0/read').set('Authorization', `Bearer ${token}`).expect(404);
    await t.http
      .post(`/api/v1/inbox/${list.body.items[0].id}/read`)
      .set('Authorization', `Bearer ${token}`)
      .expect(204);
    expect(
      (
        await t.http
          .get('/api/v1/inbox/unread-count')
          .set('Authorization', `Bearer ${token}`)
          .expect(200)
      ).body,
    ).toEqual({ unread: 2 });
    expect(
      (
        await t.http
          .post('/api/v1/inbox/read-all')
          .set('Authorization', `Bearer ${token}`)
          .expect(200)
      ).body,
    ).toEqual({ marked: 2 });
    expect(await t.app.get(InboxService).unreadCount(judge.userId!)).toBe(0);
    expect(await t.app.get(InboxService).unreadCount(org.userId!)).toBe(1);
    const after = await t.http.get('/inbox').set('Authorization', `Bearer ${token}`).expect(200);
    expect(after.text).not.toContain('class="badge" href="/inbox"');
    await t.http.get('/api/v1/inbox').expect(401);
  });

  it('preferences: an opted-out reminder is skipped (no email, still in the inbox); decisions cannot be switched off', async () => {
    const token = await bearer(t.http, ORG);
    const before = await t.http
      .get('/api/v1/me/notification-preferences')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(before.body.items).toHaveLength(4);
    expect(before.body.items).toEqual(
      expect.arrayContaining([
        { event: 'proposal.deadline_reminder', email: true },
        { event: 'roadshow.reminder', email: true },
        { event: 'review.reminder', email: true },
        { event: 'delivery.milestone_reminder', email: true },
      ]),
    );
    const refused = await t.http
      .put('/api/v1/me/notification-preferences')
      .set('Authorization', `Bearer ${token}`)
      .send({ emailOff: ['screening.result'] })
      .expect(400);
    expect(refused.body.code).toBe('validation_failed');
    await t.http
      .put('/api/v1/me/notification-preferences')
      .set('Authorization', `Bearer ${token}`)
      .send({ emailOff: ['proposal.deadline_reminder'] })
      .expect(200);
    const org = await recipient(t.ds, ORG);
    await emit(t.ds, NotificationEvent.ProposalDeadlineReminder, [org], {
      callId: 1,
      proposalId: 1,
    });
    await emit(t.ds, NotificationEvent.ScreeningResult, [org], { proposalId: 1, callId: 1 });
    await smtp.waitFor(1);
    await until(
      async () => (await rows(t.ds)).every((r) => r.status !== 'pending' && r.status !== 'sending'),
      10_000,
      'done',
    );
    await sleep(300);
    expect(smtp.messages.map(rowIdOf)).toEqual([(await rows(t.ds))[1].id]);
    expect((await rows(t.ds)).map((r) => [r.event, r.status])).toEqual([
      ['proposal.deadline_reminder', 'skipped'],
      ['screening.result', 'sent'],
    ]);
    const inbox = await t.http
      .get('/api/v1/inbox')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(inbox.body.total).toBe(2);
  });

  it("reminders: a registered provider's due reminder goes out once however often and concurrently the sweep runs", async () => {
    const org = await recipient(t.ds, ORG);
    const deadline = new Date(Date.now() + 30 * 3600_000);
    const { dueOffset, offsetLabel, HOUR_MS } = await import('@gv/notifications');
    // A fake provider: "48 h and 24 h before the deadline" for one organisation.
    const provider: ReminderProvider = {
      name: 'test.deadline',
      async findDue(_m, now): Promise<DueReminder[]> {
        const offset = dueOffset(deadline, [-48 * HOUR_MS, -24 * HOUR_MS], now);
        if (offset === undefined) return [];
        return [
          {
            key: `test.deadline|call=1|org=1|${offsetLabel(offset)}`,
            event: NotificationEvent.ProposalDeadlineReminder,
            recipients: [org],
            ids: { callId: 1, proposalId: 1 },
          },
        ];
      },
    };
    const registry = t.app.get(ReminderRegistry);
    registry.register(provider);
    try {
      const sweep = t.app.get(ReminderSweep);
      const workerSweep = worker.get(ReminderSweep);
      worker.get(ReminderRegistry).register(provider);
      const counts = await Promise.all([
        sweep.sweep(),
        sweep.sweep(),
        workerSweep.sweep(),
        sweep.sweep(),
      ]);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
      expect(await sweep.sweep()).toBe(0);
      // 10 hours later the 24 h reminder is due: a second, different reminder.
      expect(await sweep.sweep({}, undefined, new Date(Date.now() + 10 * 3600_000))).toBe(1);
      expect(await sweep.sweep({}, undefined, new Date(Date.now() + 11 * 3600_000))).toBe(0);
      // After the deadline nothing "before" is due.
      expect(await sweep.sweep({}, undefined, new Date(Date.now() + 31 * 3600_000))).toBe(0);
      await smtp.waitFor(2);
      await sleep(500);
      expect(smtp.messages).toHaveLength(2);
      expect(
        (await t.ds.getRepository(ReminderSent).find()).map((r) => r.reminderKey).sort(),
      ).toEqual(['test.deadline|call=1|org=1|-24h', 'test.deadline|call=1|org=1|-48h']);
    } finally {
      registry.unregister(provider.name);
      worker.get(ReminderRegistry).unregister(provider.name);
    }
  });
});
