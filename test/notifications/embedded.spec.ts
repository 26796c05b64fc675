import { Notification, NotificationEvent, notify, OutboxDispatcher } from '@gv/notifications';
import {
  bearer,
  clearNotifications,
  createTestApp,
  parseMail,
  resetDatabase,
  SmtpSink,
  TestApp,
} from '@gv/testing';
import {
  ADMIN,
  emitWithoutDispatch,
  JUDGE,
  recipient,
  rowIdOf,
  rows,
  sleep,
  until,
} from './helpers';

// Embedded mode: SQLite, no Redis, jobs in-process; the same outbox table and the same guarantees.
describe('notifications in embedded mode (SQLite, in-process jobs, SMTP sink)', () => {
  const smtp = new SmtpSink();
  let t: TestApp;

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp({
      REDIS_URL: '',
      DATABASE_URL: '',
      DB_AUTO_MIGRATE: 'true',
      SMTP_URL: smtp.url,
      NOTIFY_CLAIM_SECONDS: '3',
    });
  });
  beforeEach(async () => {
    await resetDatabase(t.ds, t.config);
    await clearNotifications(t.ds); // the demo's history out of the way
    smtp.messages.length = 0;
    smtp.failWith = undefined;
  });
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
  });

  it('runs on SQLite and sends one email per recipient in their language; a repeated emit sends nothing more', async () => {
    expect(t.ds.options.type).toBe('better-sqlite3');
    const zh = await recipient(t.ds, JUDGE);
    const en = { ...zh, userId: null, email: 'en@example.cn', locale: 'en' as const };
    await t.ds.transaction((m) =>
      notify(m, NotificationEvent.ProposalReturned, [zh, en], { proposalId: 1, callId: 1 }),
    );
    await t.ds.transaction((m) =>
      notify(m, NotificationEvent.ProposalReturned, [zh, en], { proposalId: 1, callId: 1 }),
    );
    await smtp.waitFor(2);
    await sleep(800);
    expect(smtp.messages).toHaveLength(2);
    const all = await rows(t.ds);
    expect(all.map((r) => r.status)).toEqual(['sent', 'sent']);
    for (const m of smtp.messages) {
      const row = all.find((r) => r.id === rowIdOf(m))!;
      expect((await parseMail(m.raw)).html).toContain(`lang="${row.locale}"`);
    }
  });

  it('SMTP 550 → failed and visible; retry delivers once', async () => {
    smtp.failWith = { code: 550, message: 'no such user', times: 1 };
    const zh = await recipient(t.ds, JUDGE);
    await t.ds.transaction((m) =>
      notify(m, NotificationEvent.ScreeningResult, [zh], { proposalId: 2, callId: 1 }),
    );
    const failed = await until(
      async () =>
        (await t.ds.getRepository(Notification).findOneBy({ status: 'failed' })) ?? undefined,
      10_000,
      'failed',
    );
    expect(failed.lastError).toMatch(/550/);
    const admin = await bearer(t.http, ADMIN);
    const list = await t.http
      .get('/api/v1/admin/notifications')
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect(list.body.items.map((i: { id: number }) => i.id)).toEqual([failed.id]);
    await t.http
      .post(`/api/v1/admin/notifications/${failed.id}/retry`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    await smtp.waitFor(1);
    await until(
      async () =>
        (await t.ds.getRepository(Notification).findOneByOrFail({ id: failed.id })).status ===
        'sent',
      5000,
      'sent',
    );
    await sleep(500);
    expect(smtp.messages).toHaveLength(1);
  });

  it('SMTP refusing for a while (451): retried with backoff, delivered once', async () => {
    smtp.failWith = { code: 451, message: 'try again later', times: 2 };
    const zh = await recipient(t.ds, JUDGE);
    await t.ds.transaction((m) =>
      notify(m, NotificationEvent.ScreeningResult, [zh], { proposalId: 3, callId: 1 }),
    );
    await smtp.waitFor(1, 30_000);
    const [row] = await rows(t.ds);
    await until(
      async () =>
        (await t.ds.getRepository(Notification).findOneByOrFail({ id: row.id })).status === 'sent',
      5000,
      'sent',
    );
    expect((await t.ds.getRepository(Notification).findOneByOrFail({ id: row.id })).attempts).toBe(
      3,
    );
    await sleep(500);
    expect(smtp.messages).toHaveLength(1);
  }, 60_000);

  it('the in-process sweep dispatches rows left pending by a crash, once', async () => {
    const zh = await recipient(t.ds, JUDGE);
    await emitWithoutDispatch(t.ds, NotificationEvent.ProposalSubmitted, [zh], {
      proposalId: 4,
      callId: 1,
    });
    await sleep(500);
    expect(smtp.messages).toHaveLength(0);
    const later = new Date(Date.now() + 120_000);
    const d = t.app.get(OutboxDispatcher);
    await Promise.all([d.sweep({}, undefined, later), d.sweep({}, undefined, later)]);
    await smtp.waitFor(1);
    await sleep(800);
    expect(smtp.messages).toHaveLength(1);
  });
});
