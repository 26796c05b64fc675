import { INestApplicationContext } from '@nestjs/common';
import { User } from '@gv/accounts';
import { Role } from '@gv/core';
import { Notification, NotificationEvent, NotificationSender } from '@gv/notifications';
import { Community } from '@gv/places';
import {
  bearer,
  clearNotifications,
  createTestApp,
  createTestWorker,
  csrfFrom,
  formLogin,
  openPage,
  parseMail,
  resetDatabase,
  SmtpSink,
  SunkMail,
  TestApp,
  untilNotificationsSettled,
} from '@gv/testing';

const ADMIN = 'admin@dongguan.example.cn';

/** The street office hears of every organisation sign-up (a notice to review it), through the outbox. */
describe('organisations: sign-up notice to the street office (MariaDB + Redis + SMTP)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let weiwan: Community;
  const smtp = new SmtpSink();

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp({ SMTP_URL: smtp.url });
    worker = await createTestWorker({ SMTP_URL: smtp.url });
  });
  beforeEach(async () => {
    await resetDatabase(t.ds, t.config);
    await clearNotifications(t.ds);
    smtp.messages.length = 0;
    weiwan = await t.ds.getRepository(Community).findOneByOrFail({ code: 'weiwan' });
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await smtp.stop();
  });

  const signupBody = (name: string, memberEmail: string) => ({
    name,
    type: 'mutual_aid',
    communityId: weiwan.id,
    registrationLevel: 'community',
    membersCount: 8,
    contactName: '孙丽',
    memberName: '孙丽',
    memberEmail,
    password: 'org-pass-123',
  });

  const notices = () =>
    t.ds.getRepository(Notification).find({
      where: { event: NotificationEvent.OrganisationSignedUp },
      order: { id: 'ASC' },
    });

  async function addAdmin(email: string, over: Partial<User> = {}): Promise<User> {
    const users = t.ds.getRepository(User);
    return users.save(
      users.create({
        email,
        name: email,
        role: Role.StreetAdmin,
        communityId: null,
        organisationId: null,
        passwordHash: 'x',
        locale: 'zh-CN',
        active: true,
        lastLoginAt: null,
        ...over,
      }),
    );
  }

  it('writes one notice per active street admin (their language), mailed with a link to the organisation page', async () => {
    const english = await addAdmin('street.en@dongguan.example.cn', { locale: 'en' });
    await addAdmin('street.left@dongguan.example.cn', { active: false });
    const admins = await t.ds
      .getRepository(User)
      .find({ where: { role: Role.StreetAdmin, active: true }, order: { id: 'ASC' } });
    expect(admins.map((a) => a.email)).toContain(english.email);

    const res = await t.http
      .post('/api/v1/organisations/signup')
      .send(signupBody('苇湾社区助浴服务队', 'sun.li@example.cn'))
      .expect(201);
    const id = res.body.organisation.id as number;
    const rows = await notices();
    expect(rows.map((r) => [r.recipientUserId, r.recipientEmail, r.locale, r.payload])).toEqual(
      admins.map((a) => [a.id, a.email, a.locale, JSON.stringify({ organisationId: id })]),
    );

    const mailTo = async (email: string): Promise<SunkMail> => {
      for (let n = 1; ; n++) {
        const found = (await smtp.waitFor(n)).find((m) => m.to.includes(email));
        if (found) return found;
      }
    };
    const zh = await parseMail((await mailTo(ADMIN)).raw);
    expect(zh.subject).toBe('新的社会组织注册待审核：苇湾社区助浴服务队');
    expect(zh.text).toContain('所属社区：苇湾社区');
    expect(zh.text).toContain('联系人：孙丽');
    expect(zh.text).toContain(`查看并审核：http://localhost:3000/organisations/${id}`);
    const en = await parseMail((await mailTo(english.email)).raw);
    expect(en.subject).toBe('New organisation sign-up to review: 苇湾社区助浴服务队');
    expect(en.html).toContain('<html lang="en">');
    expect(en.text).toContain(`Review the organisation: http://localhost:3000/organisations/${id}`);
    expect(smtp.messages.some((m) => m.to.includes('street.left@dongguan.example.cn'))).toBe(false);

    // The admin's inbox links to the organisation's page; opening it marks it read.
    const token = await bearer(t.http, ADMIN);
    const inbox = await t.http
      .get('/api/v1/inbox')
      .set('Authorization', `Bearer ${token}`)
      .expect(200);
    expect(inbox.body.items).toEqual([
      expect.objectContaining({
        event: 'organisation.signed_up',
        title: '新的社会组织注册待审核',
        link: `/organisations/${id}`,
        read: false,
      }),
    ]);
    const session = await formLogin(t.http, ADMIN);
    const page = await openPage(t.http, session, '/inbox');
    const entry = inbox.body.items[0].id as number;
    expect(page.res.text).toContain(`<a href="/inbox/${entry}/open">新的社会组织注册待审核</a>`);
    const open = await t.http.get(`/inbox/${entry}/open`).set('Cookie', [session]).expect(303);
    expect(open.headers['location']).toBe(`/organisations/${id}`);
    await t.http.get(`/organisations/${id}`).set('Cookie', [session]).expect(200);
    const after = await t.ds.getRepository(Notification).findOneByOrFail({ id: entry });
    expect(after.readAt).not.toBeNull();
  });

  it('the sign-up form notifies too; a refused sign-up (taken email, throttled) notifies nobody', async () => {
    const form = await t.http.get('/organisations/signup').expect(200);
    const cookies = form.headers['set-cookie'] as unknown as string[];
    await t.http
      .post('/organisations/signup')
      .set('Cookie', cookies)
      .type('form')
      .send({ _csrf: csrfFrom(form.text), ...signupBody('苇湾社区修车队', 'qian@example.cn') })
      .expect(200);
    expect(await notices()).not.toHaveLength(0);
    const before = (await notices()).length;
    await t.http
      .post('/api/v1/organisations/signup')
      .send(signupBody('苇湾社区另一个队', 'qian@example.cn'))
      .expect(409);
    expect(await notices()).toHaveLength(before);
  });

  it('sends each notice once, however often its job runs', async () => {
    await t.http
      .post('/api/v1/organisations/signup')
      .send(signupBody('苇湾社区读书会', 'reader@example.cn'))
      .expect(201);
    const rows = await notices();
    // Only this test's mails (a late mail of an earlier test may still arrive).
    const mine = () =>
      smtp.messages.filter((m) =>
        rows.some((r) => m.raw.includes(`<notification-${r.id}@gongyi-venture>`)),
      );
    for (let n = 1; mine().length < rows.length; n++) await smtp.waitFor(n);
    await untilNotificationsSettled(
      t.ds,
      rows.map((r) => r.id),
    );
    const sender = worker.get(NotificationSender);
    for (const r of rows) await sender.send({ notificationId: r.id });
    await new Promise((r) => setTimeout(r, 500));
    expect(mine()).toHaveLength(rows.length);
  });
});
